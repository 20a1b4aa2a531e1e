import type { ChannelModel } from '../../src/engine/index.ts';
import { fillKeptLagWeights } from '../../src/engine/sim/lag-weights.ts';

/**
 * The channel benchmark's floor (issue 11): the whole of `simulate`'s arithmetic for a model in
 * the channel form (spec §9), written as plain loops over preallocated Float64Arrays: the planned
 * and zero-spend runs and the two side-off runs, then one run per channel with that channel
 * switched off, each over the horizon and the carryover; the summary, the decomposition and the
 * per-channel summaries (§9.4). Per-period outputs go into typed arrays instead of result objects.
 * Returns npvWithCarryover plus the channels' value added, so the benchmark can check that it
 * did the same work as the engine.
 *
 * Lags whose weight is negligible (below 1e-16 of the peak, docs/uncertainty.md "Negligible
 * lags") are skipped as the engine skips them, using its rule, so that the floor does not
 * count work the engine rightly leaves out.
 *
 * Scalar budgets and shares only, no seasonality and no plan, which is all the benchmark needs;
 * it does the "history" carryover baseline and "history" starting equity the presets use.
 */
export function createHandWrittenChannelLoop(model: ChannelModel): () => number {
  const P = model.periodsPerYear;
  const pm = P / 12;
  const T = P * model.horizonYears;
  const k = model.economics.carryoverYears * P;
  const n = T + k;
  const { brand, economics, market } = model;
  const ups = Object.values(model.upstream.channels);
  const downs = Object.values(model.downstream.channels);
  const nU = ups.length;
  const nD = downs.length;
  const C = nU + nD;
  const kappa = model.upstream.insightFeedback;
  const windowOf = (months: number) => {
    const exact = months * pm;
    return Math.abs(exact - Math.round(exact)) <= 1e-9 ? Math.round(exact) : Math.ceil(exact);
  };
  const Ls = ups.map((channel) => windowOf(channel.lagWindowMonths));
  const L = Math.max(0, ...Ls);
  const weights = ups.map((_, i) => new Float64Array(Ls[i] + 1));
  const weightSums = new Float64Array(nU);
  const firstLag = new Int32Array(nU);
  const lastLag = new Int32Array(nU);
  const baseDemand = new Float64Array(n);
  const discount = new Float64Array(n);
  const planned = Array.from({ length: C }, () => new Float64Array(L + n));
  const zeroed = Array.from({ length: C }, () => new Float64Array(L + n));
  const runCount = 4 + C;
  const revenue = Array.from({ length: runCount }, () => new Float64Array(n));
  const equity = new Float64Array(n);
  const demand = new Float64Array(n);
  const conversion = new Float64Array(n);
  const sales = new Float64Array(n);
  const profit = new Float64Array(T);
  const sources = [new Float64Array(T), new Float64Array(T), new Float64Array(T), new Float64Array(T)];
  const roiByYear = new Float64Array(model.horizonYears);
  const adstock = new Float64Array(nD);
  const shortAdstock = new Float64Array(nU);
  const run = new Array<Float64Array>(C);
  const perYear = model.budget!.perYear as number;
  const share = model.budget!.upstreamShare as number;

  const hill = (x: number, K: number, S: number) => {
    if (!(x > 0)) return 0;
    const a = Math.pow(x, S);
    const b = Math.pow(K, S);
    return a / (a + b);
  };

  return () => {
    for (let i = 0; i < nU; i += 1) {
      const kept = fillKeptLagWeights(weights[i], ups[i].lagMonths * pm, ups[i].lagConcentration, ups[i].shape);
      firstLag[i] = kept.first;
      lastLag[i] = kept.last;
      weightSums[i] = kept.sum;
    }
    const g = 1 + market.growthPerYear;
    const r = 1 + economics.discountRatePerYear;
    for (let i = 0; i < n; i += 1) {
      baseDemand[i] = (market.inMarketPerMonth / pm) * Math.pow(g, i / P);
      discount[i] = Math.pow(r, -(i + 1) / P);
    }
    const history = (c: number) => (c < nU ? ups[c].historyPerMonth : downs[c - nU].historyPerMonth) / pm;
    const channelShare = (c: number) => (c < nU ? share * (ups[c].share as number) : (1 - share) * (downs[c - nU].share as number));
    for (let c = 0; c < C; c += 1) {
      const h = history(c);
      const after = economics.carryoverBaseline === 'history' ? h : 0;
      const spend = channelShare(c) * (perYear / P);
      for (let i = 0; i < L; i += 1) { planned[c][i] = h; zeroed[c][i] = h; }
      for (let i = 0; i < n; i += 1) { planned[c][L + i] = i < T ? spend : after; zeroed[c][L + i] = i < T ? 0 : after; }
    }
    const rhoE = Math.pow(0.5, 1 / (brand.halfLifeMonths * pm));
    const rhoD = downs.map((channel) => Math.pow(0.5, 1 / (channel.halfLifeMonths * pm)));
    const KU = ups.map((channel) => channel.halfSaturation / pm);
    const KD = downs.map((channel) => channel.halfSaturation / pm);
    const rhoS = ups.map((channel) => (channel.shortTerm === undefined ? 0 : Math.pow(0.5, 1 / (channel.shortTerm.halfLifeMonths * pm))));
    const KS = ups.map((channel) => (channel.shortTerm === undefined ? 0 : channel.shortTerm.halfSaturation / pm));
    let E0 = brand.initialEquity as number;
    if (brand.initialEquity === 'history') {
      let activity = 0;
      for (let j = 0; j < nD; j += 1) activity += hill(history(nU + j), KD[j], downs[j].shape);
      if (nD > 0) activity /= nD;
      let response = 0;
      for (let i = 0; i < nU; i += 1) response += ups[i].maxEquityShare * hill(history(i) * (1 + kappa * activity), KU[i], ups[i].shape);
      E0 = brand.maxEquity * response;
    }
    for (let which = 0; which < runCount; which += 1) {
      // Runs: 0 planned, 1 no spend, 2 no upstream, 3 no downstream, 4 + c without channel c.
      for (let c = 0; c < C; c += 1) {
        const off = which === 1 || (which === 2 && c < nU) || (which === 3 && c >= nU) || which === 4 + c;
        run[c] = off ? zeroed[c] : planned[c];
      }
      let E = E0;
      for (let j = 0; j < nD; j += 1) adstock[j] = history(nU + j);
      for (let i = 0; i < nU; i += 1) shortAdstock[i] = history(i);
      const out = revenue[which];
      // A side-off run serves the per-channel results only when the side has one channel (the
      // benchmark's models have several): otherwise, like simulate, it covers the horizon alone.
      const length = (which === 2 && nU > 1) || (which === 3 && nD > 1) ? T : n;
      for (let t = 0; t < length; t += 1) {
        let activity = 0;
        let before = economics.baseConversion;
        for (let j = 0; j < nD; j += 1) {
          adstock[j] = rhoD[j] * adstock[j] + (1 - rhoD[j]) * run[nU + j][L + t];
          const h = hill(adstock[j], KD[j], downs[j].shape);
          activity += h;
          before += downs[j].maxConversionLift * h;
        }
        if (nD > 0) activity /= nD;
        let response = 0;
        for (let i = 0; i < nU; i += 1) {
          let b = 0;
          for (let l = firstLag[i]; l <= lastLag[i]; l += 1) b += weights[i][l] * run[i][L + t - l];
          b /= weightSums[i];
          response += ups[i].maxEquityShare * hill(b * (1 + kappa * activity), KU[i], ups[i].shape);
        }
        E = rhoE * E + (1 - rhoE) * brand.maxEquity * response;
        for (let i = 0; i < nU; i += 1) {
          const shortTerm = ups[i].shortTerm;
          if (shortTerm === undefined) continue;
          shortAdstock[i] = rhoS[i] * shortAdstock[i] + (1 - rhoS[i]) * run[i][L + t];
          before += shortTerm.maxConversionLift * hill(shortAdstock[i], KS[i], shortTerm.shape);
        }
        const N = baseDemand[t] * (1 + brand.demandLift * E);
        const c = Math.min(1, before * (1 + brand.conversionLift * E));
        out[t] = N * c * economics.valuePerSale;
        if (which === 0) { equity[t] = E; demand[t] = N; conversion[t] = c; sales[t] = N * c; }
      }
    }
    const margin = economics.margin;
    let npv = 0;
    let carryover = 0;
    let cumulative = 0;
    let payback = -1;
    let yearSpend = 0;
    let yearGain = 0;
    for (let t = 0; t < T; t += 1) {
      let spend = 0;
      for (let c = 0; c < C; c += 1) spend += planned[c][L + t];
      profit[t] = revenue[0][t] * margin - spend;
      npv += profit[t] * discount[t];
      sources[0][t] = revenue[1][t];
      sources[1][t] = revenue[3][t] - revenue[1][t];
      sources[2][t] = revenue[2][t] - revenue[1][t];
      sources[3][t] = revenue[0][t] - revenue[2][t] - revenue[3][t] + revenue[1][t];
      const gain = (revenue[0][t] - revenue[1][t]) * margin;
      cumulative += gain - spend;
      if (payback < 0 && cumulative >= 0) payback = t + 1;
      yearSpend += spend;
      yearGain += gain;
      if ((t + 1) % P === 0) { roiByYear[(t + 1) / P - 1] = (yearGain - yearSpend) / yearSpend; yearSpend = 0; yearGain = 0; }
    }
    for (let t = T; t < n; t += 1) carryover += (revenue[0][t] - revenue[1][t]) * margin * discount[t];
    let valueAdded = 0;
    for (let c = 0; c < C; c += 1) {
      const without = revenue[4 + c];
      let value = 0;
      for (let t = 0; t < n; t += 1) {
        const incremental = (revenue[0][t] - without[t]) * margin;
        value += (t < T ? incremental - planned[c][L + t] : incremental) * discount[t];
      }
      valueAdded += value;
    }
    return npv + carryover + 0 * payback + valueAdded;
  };
}
