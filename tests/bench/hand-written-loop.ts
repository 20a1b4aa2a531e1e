import type { TwoLeverModel } from '../../src/engine/index.ts';

/**
 * The benchmark's floor: the whole of `simulate`'s arithmetic (four runs, each over the horizon
 * and the carryover since each side-off run is also its single channel's run (spec §9.4), the
 * decomposition, the summary and the two channel summaries) as one hand-written loop over preallocated Float64Arrays.
 * It writes every per-period output `simulate` returns (equity, demand, conversion, sales,
 * revenue, contribution, profit and the four revenue sources) into typed arrays instead of
 * result objects, and returns npvWithCarryover so the benchmark can check that it did the same
 * work as the engine.
 *
 * Scalar budgets only (`perYear` and `upstreamShare` as numbers) and no seasonality, which is all
 * the benchmark needs. It does the optional extensions the default model uses (docs/model.md):
 * upstream's short-term effect, the "history" carryover baseline and "history" as the starting equity.
 */
export function createHandWrittenLoop(model: TwoLeverModel): () => number {
  const P = model.periodsPerYear;
  const pm = P / 12;
  const T = P * model.horizonYears;
  const k = model.economics.carryoverYears * P;
  const n = T + k;
  const lagExact = model.upstream.lagWindowMonths * pm;
  const L = Math.abs(lagExact - Math.round(lagExact)) <= 1e-9 ? Math.round(lagExact) : Math.ceil(lagExact);
  const weights = new Float64Array(L + 1);
  const baseDemand = new Float64Array(n);
  const discount = new Float64Array(n);
  const upPlan = new Float64Array(L + n);
  const upZero = new Float64Array(L + n);
  const downPlan = new Float64Array(n);
  const downZero = new Float64Array(n);
  const revenue = [new Float64Array(n), new Float64Array(n), new Float64Array(n), new Float64Array(n)];
  const contribution = [new Float64Array(n), new Float64Array(n)];
  const equity = new Float64Array(n);
  const demand = new Float64Array(n);
  const conversion = new Float64Array(n);
  const sales = new Float64Array(n);
  const profit = new Float64Array(T);
  const sources = [new Float64Array(T), new Float64Array(T), new Float64Array(T), new Float64Array(T)];
  const roiByYear = new Float64Array(model.horizonYears);
  const budget = model.budget!;
  const perYear = budget.perYear as number;
  const share = budget.upstreamShare as number;

  const hill = (x: number, K: number, S: number) => {
    if (!(x > 0)) return 0;
    const a = Math.pow(x, S);
    const b = Math.pow(K, S);
    return a / (a + b);
  };

  return () => {
    const { brand, upstream, downstream, economics, market, history } = model;
    const theta = upstream.lagMonths * pm;
    let sum = 0;
    for (let l = 0; l <= L; l += 1) { weights[l] = Math.pow(upstream.lagConcentration, (l - theta) ** 2); sum += weights[l]; }
    const g = 1 + market.growthPerYear;
    const r = 1 + economics.discountRatePerYear;
    for (let i = 0; i < n; i += 1) {
      baseDemand[i] = (market.inMarketPerMonth / pm) * Math.pow(g, i / P);
      discount[i] = Math.pow(r, -(i + 1) / P);
    }
    const hu = history.upstreamPerMonth / pm;
    const hd = history.downstreamPerMonth / pm;
    // After the horizon both runs spend nothing, or the history's spend with the "history" baseline.
    const afterUp = economics.carryoverBaseline === 'history' ? hu : 0;
    const afterDown = economics.carryoverBaseline === 'history' ? hd : 0;
    for (let i = 0; i < L; i += 1) { upPlan[i] = hu; upZero[i] = hu; }
    for (let i = 0; i < n; i += 1) {
      const spend = perYear / P;
      upPlan[L + i] = i < T ? share * spend : afterUp;
      upZero[L + i] = i < T ? 0 : afterUp;
      downPlan[i] = i < T ? (1 - share) * spend : afterDown;
      downZero[i] = i < T ? 0 : afterDown;
    }
    const rhoE = Math.pow(0.5, 1 / (brand.halfLifeMonths * pm));
    const rhoD = Math.pow(0.5, 1 / (downstream.halfLifeMonths * pm));
    const KU = upstream.halfSaturation / pm;
    const KD = downstream.halfSaturation / pm;
    const shortTerm = upstream.shortTerm;
    const rhoS = shortTerm === undefined ? 0 : Math.pow(0.5, 1 / (shortTerm.halfLifeMonths * pm));
    const KS = shortTerm === undefined ? 0 : shortTerm.halfSaturation / pm;
    const E0 = brand.initialEquity === 'history'
      ? brand.maxEquity * hill(hu * (1 + upstream.insightFeedback * hill(hd, KD, downstream.shape)), KU, upstream.shape)
      : brand.initialEquity;
    const runs: [Float64Array, Float64Array, number][] = [[upPlan, downPlan, n], [upZero, downZero, n], [upZero, downPlan, n], [upPlan, downZero, n]];
    for (let run = 0; run < 4; run += 1) {
      const [up, down, length] = runs[run];
      let E = E0;
      let d = hd;
      let a = hu;
      const out = revenue[run];
      for (let i = 0; i < length; i += 1) {
        let b = 0;
        for (let l = 0; l <= L; l += 1) b += weights[l] * up[L + i - l];
        b /= sum;
        d = rhoD * d + (1 - rhoD) * down[i];
        const hdResponse = hill(d, KD, downstream.shape);
        const x = b * (1 + upstream.insightFeedback * hdResponse);
        E = rhoE * E + (1 - rhoE) * brand.maxEquity * hill(x, KU, upstream.shape);
        const N = baseDemand[i] * (1 + brand.demandLift * E);
        let before = economics.baseConversion + downstream.maxConversionLift * hdResponse;
        if (shortTerm !== undefined) {
          a = rhoS * a + (1 - rhoS) * up[L + i];
          before += shortTerm.maxConversionLift * hill(a, KS, shortTerm.shape);
        }
        const c = Math.min(1, before * (1 + brand.conversionLift * E));
        out[i] = N * c * economics.valuePerSale;
        if (run < 2) contribution[run][i] = out[i] * economics.margin;
        if (run === 0) { equity[i] = E; demand[i] = N; conversion[i] = c; sales[i] = N * c; }
      }
    }
    let npv = 0;
    let carryover = 0;
    let cumulative = 0;
    let payback = -1;
    let yearSpend = 0;
    let yearGain = 0;
    for (let i = 0; i < T; i += 1) {
      const spend = upPlan[L + i] + downPlan[i];
      profit[i] = contribution[0][i] - upPlan[L + i] - downPlan[i];
      npv += profit[i] * discount[i];
      sources[0][i] = revenue[1][i];
      sources[1][i] = revenue[3][i] - revenue[1][i];
      sources[2][i] = revenue[2][i] - revenue[1][i];
      sources[3][i] = revenue[0][i] - revenue[2][i] - revenue[3][i] + revenue[1][i];
      const gain = contribution[0][i] - contribution[1][i];
      cumulative += gain - spend;
      if (payback < 0 && cumulative >= 0) payback = i + 1;
      yearSpend += spend;
      yearGain += gain;
      if ((i + 1) % P === 0) { roiByYear[(i + 1) / P - 1] = (yearGain - yearSpend) / yearSpend; yearSpend = 0; yearGain = 0; }
    }
    for (let i = T; i < n; i += 1) carryover += (contribution[0][i] - contribution[1][i]) * discount[i];
    // The two channel summaries (spec §9.4): each side's channel against the run without it.
    let channelValue = 0;
    for (let channel = 0; channel < 2; channel += 1) {
      const without = revenue[channel === 0 ? 2 : 3];
      const spendRow = channel === 0 ? upPlan : downPlan;
      const offset = channel === 0 ? L : 0;
      let spent = 0;
      let incrementalRevenue = 0;
      let value = 0;
      for (let i = 0; i < n; i += 1) {
        const incremental = (revenue[0][i] - without[i]) * economics.margin;
        if (i < T) {
          spent += spendRow[offset + i];
          incrementalRevenue += revenue[0][i] - without[i];
          value += (incremental - spendRow[offset + i]) * discount[i];
        } else value += incremental * discount[i];
      }
      channelValue += 0 * (spent + incrementalRevenue + value);
    }
    return npv + carryover + 0 * payback + channelValue;
  };
}
