/**
 * INDEPENDENT, deliberately naive reference implementation of the channel form of the model in
 * /work/shared/model-spec.md section 9 (9.1 file form, 9.2 spend, 9.3 equations, 9.4 results
 * per channel), with sections 3-7 around it and the project's extensions written from their
 * definitions in docs/model.md ("Carryover after the horizon": the "history" baseline; "Equity
 * implied by history": brand.initialEquity "history"; "Seasonality by month").
 *
 * Used only by tests to cross-check src/engine. It imports nothing from src: independence is the
 * point. It shares with reference-simulate.ts (the two-lever reference) only the four one-line
 * helpers of the spec's text (Hill, L, a yearly value, a seasonal index). Everything is written
 * as the spec writes it: plain number arrays indexed by t, every run from scratch (lag weights included), the lag
 * sum recomputed over the whole window every period, Math.pow for every power.
 *
 * Interpretation choices (where the spec text leaves room) are marked "CHOICE".
 */
import { hill, lagWindowPeriods, seasonIndexFor, valueForYear } from './reference-simulate.ts';

/** One channel with its name and side, as the file gives it (§9.1). */
interface NamedChannel {
  name: string;
  side: 'upstream' | 'downstream';
  settings: any;
}

/** Spend of every channel c for t = 1..n (spend[c][t]; index 0 unused). */
type Spend = number[][];

/** Per-period outputs of one run, indexed 1..n (index 0 unused). */
interface Run {
  E: number[];
  N: number[];
  c: number[];
  S: number[];
  R: number[];
  C: number[];
}

/** §9.1: the channels of a channel-form model, upstream first, each side in file order. */
function channelsOf(model: any): NamedChannel[] {
  const list: NamedChannel[] = [];
  for (const name of Object.keys(model.upstream.channels)) list.push({ name, side: 'upstream', settings: model.upstream.channels[name] });
  for (const name of Object.keys(model.downstream.channels)) list.push({ name, side: 'downstream', settings: model.downstream.channels[name] });
  return list;
}

// ---------------------------------------------------------------------------
// Extension "Equity implied by history" (docs/model.md), with channels: with each channel
// spending its history u_i (upstream) or d_j (downstream) per period for ever, b_i = u_i (the lag
// weights are normalised) and d_j stays at its history, so the equity equation's fixed point is
//   A* = mean over downstream channels of Hill(d_j; K'_j, S_j)  (0 with none)
//   E* = maxEquity * sum_i beta_i * Hill(u_i * (1 + kappa * A*); K'_i, S_i).
// ---------------------------------------------------------------------------
function initialEquityOf(model: any, channels: NamedChannel[]): number {
  if (model.brand.initialEquity !== 'history') return model.brand.initialEquity;
  const pm = model.periodsPerYear / 12;
  let nD = 0;
  let sumH = 0;
  for (const channel of channels) {
    if (channel.side !== 'downstream') continue;
    nD++;
    sumH += hill(channel.settings.historyPerMonth / pm, channel.settings.halfSaturation / pm, channel.settings.shape);
  }
  const A = nD === 0 ? 0 : sumH / nD;
  let sum = 0;
  for (const channel of channels) {
    if (channel.side !== 'upstream') continue;
    const u = channel.settings.historyPerMonth / pm;
    const x = u * (1 + model.upstream.insightFeedback * A);
    sum += channel.settings.maxEquityShare * hill(x, channel.settings.halfSaturation / pm, channel.settings.shape);
  }
  return model.brand.maxEquity * sum;
}

// ---------------------------------------------------------------------------
// §9.3 (with §4 steps 5 and 7): one run for t = 1..n given every channel's spend for t = 1..n.
// Before the horizon (t <= 0) each channel spends historyPerMonth / pm (§9.2).
// ---------------------------------------------------------------------------
function run(model: any, channels: NamedChannel[], spend: Spend, n: number): Run {
  const P: number = model.periodsPerYear;
  const pm = P / 12;
  const rhoE = Math.pow(0.5, 1 / (model.brand.halfLifeMonths * pm));
  const N0 = model.market.inMarketPerMonth / pm;
  const kappa: number = model.upstream.insightFeedback;

  function spendOf(c: number, t: number): number {
    if (t <= 0) return channels[c].settings.historyPerMonth / pm;
    return spend[c][t];
  }

  // State carried from period to period: each downstream channel's adstock d_j and each upstream
  // channel's short-term adstock a_i, both starting at the channel's history per period.
  const d: number[] = [];
  const a: number[] = [];
  for (let c = 0; c < channels.length; c++) {
    d.push(channels[c].settings.historyPerMonth / pm);
    a.push(channels[c].settings.historyPerMonth / pm);
  }
  let ePrev = initialEquityOf(model, channels);

  // Each upstream channel's lag weights w_l = alpha_i^((l - theta_i)^2), l = 0..L_i (theta_i =
  // lagMonths * pm, L_i = ceil(lagWindowMonths * pm)), worked out afresh for this run.
  const weights: number[][] = [];
  for (let c = 0; c < channels.length; c++) {
    const w: number[] = [];
    if (channels[c].side === 'upstream') {
      const s = channels[c].settings;
      const theta = s.lagMonths * pm;
      const L = lagWindowPeriods(s.lagWindowMonths, pm);
      for (let l = 0; l <= L; l++) w.push(Math.pow(s.lagConcentration, (l - theta) * (l - theta)));
    }
    weights.push(w);
  }

  const out: Run = { E: [ePrev], N: [0], c: [0], S: [0], R: [0], C: [0] };
  for (let t = 1; t <= n; t++) {
    // Each downstream channel j: adstock d_j,t = rho_j * d_j,t-1 + (1 - rho_j) * D_j,t and
    // h_j,t = Hill(d_j,t; K'_j, S_j).
    const h: number[] = [];
    for (let c = 0; c < channels.length; c++) {
      h.push(0);
      if (channels[c].side !== 'downstream') continue;
      const s = channels[c].settings;
      const rho = Math.pow(0.5, 1 / (s.halfLifeMonths * pm));
      d[c] = rho * d[c] + (1 - rho) * spendOf(c, t);
      h[c] = hill(d[c], s.halfSaturation / pm, s.shape);
    }

    // Downstream activity A_t: the mean of h_j,t over the n_D downstream channels (0 with none).
    let nD = 0;
    let sumH = 0;
    for (let c = 0; c < channels.length; c++) {
      if (channels[c].side !== 'downstream') continue;
      nD++;
      sumH += h[c];
    }
    const A = nD === 0 ? 0 : sumH / nD;

    // Each upstream channel i: lagged spend b_i,t = sum_l w_l U_i,t-l / sum_l w_l (the whole
    // window summed afresh every period), insight x_i,t = b_i,t (1 + kappa A_t), and the equity
    // inflow's share beta_i * Hill(x_i,t; K'_i, S_i).
    let inflow = 0;
    for (let c = 0; c < channels.length; c++) {
      if (channels[c].side !== 'upstream') continue;
      const s = channels[c].settings;
      const w = weights[c];
      let num = 0;
      let den = 0;
      for (let l = 0; l < w.length; l++) {
        num += w[l] * spendOf(c, t - l);
        den += w[l];
      }
      const b = num / den;
      const x = b * (1 + kappa * A);
      inflow += s.maxEquityShare * hill(x, s.halfSaturation / pm, s.shape);
    }

    // Equity E_t = rho_E E_t-1 + (1 - rho_E) maxEquity sum_i beta_i Hill(x_i,t).
    const E = rhoE * ePrev + (1 - rhoE) * model.brand.maxEquity * inflow;

    // Short-term effect of each upstream channel with a shortTerm: a_i,t = rho^s a_i,t-1 +
    // (1 - rho^s) U_i,t and g_i,t = c_lift^s Hill(a_i,t; K'^s, S^s).
    let g = 0;
    for (let c = 0; c < channels.length; c++) {
      if (channels[c].side !== 'upstream' || channels[c].settings.shortTerm === undefined) continue;
      const st = channels[c].settings.shortTerm;
      const rhoS = Math.pow(0.5, 1 / (st.halfLifeMonths * pm));
      a[c] = rhoS * a[c] + (1 - rhoS) * spendOf(c, t);
      g += st.maxConversionLift * hill(a[c], st.halfSaturation / pm, st.shape);
    }

    // §4 step 5: demand.
    const season = seasonIndexFor(model.market.seasonality, (t - 1) % P, P);
    const N = N0 * season * Math.pow(1 + model.market.growthPerYear, (t - 1) / P) * (1 + model.brand.demandLift * E);

    // Conversion c_t = min(1, (c0 + sum_j c_lift_j h_j,t + sum_i g_i,t) (1 + mu E_t)).
    let lift = 0;
    for (let c = 0; c < channels.length; c++) {
      if (channels[c].side === 'downstream') lift += channels[c].settings.maxConversionLift * h[c];
    }
    const conversion = Math.min(1, (model.economics.baseConversion + lift + g) * (1 + model.brand.conversionLift * E));

    // §4 step 7.
    const S = N * conversion;
    const R = S * model.economics.valuePerSale;
    const C = R * model.economics.margin;

    out.E.push(E);
    out.N.push(N);
    out.c.push(conversion);
    out.S.push(S);
    out.R.push(R);
    out.C.push(C);
    ePrev = E;
  }
  return out;
}

// ---------------------------------------------------------------------------
// §9.2: each channel's planned spend for t = 1..T (spend[c][t]; index 0 unused).
// ---------------------------------------------------------------------------
function simulatedSpend(model: any, channels: NamedChannel[], T: number): Spend {
  const P: number = model.periodsPerYear;
  const planned: Spend = [];
  for (let c = 0; c < channels.length; c++) {
    const row = [0];
    for (let t = 1; t <= T; t++) {
      if (model.plan !== undefined && model.plan !== null) {
        row.push(model.plan[channels[c].name][t - 1]);
      } else {
        const y = Math.ceil(t / P);
        const B = valueForYear(model.budget.perYear, y) / P;
        const upShare = valueForYear(model.budget.upstreamShare, y);
        const sideShare = channels[c].side === 'upstream' ? upShare : 1 - upShare;
        row.push(sideShare * valueForYear(channels[c].settings.share, y) * B);
      }
    }
    planned.push(row);
  }
  return planned;
}

// ---------------------------------------------------------------------------
// Public entry point: §9.2 spend, §9.3 runs, §5 results with side totals, §6 carryover,
// §7 decomposition, §9.4 results per channel.
// ---------------------------------------------------------------------------
export function referenceSimulateChannels(model: any): {
  periods: Array<Record<string, any>>;
  summary: Record<string, any>;
  carryoverScale: number;
} {
  const P: number = model.periodsPerYear;
  const Y: number = model.horizonYears;
  const T = Y * P;
  const pm = P / 12;
  const r: number = model.economics.discountRatePerYear;
  const k: number = model.economics.carryoverYears * P;
  const channels = channelsOf(model);
  const count = channels.length;

  const planned = simulatedSpend(model, channels, T);

  // §6 and the extension "Carryover after the horizon": after T every run spends nothing, or,
  // with carryoverBaseline "history", each channel's history per period.
  // CHOICE: that includes the runs without a channel (§9.4): the carryover's "both runs spend
  // the same after T" so that spend cancels from C_t - C⁻ⁱ_t, as it does from C_t - C⁰_t.
  const afterHorizon = model.economics.carryoverBaseline === 'history';
  function spendAfter(c: number): number {
    return afterHorizon ? channels[c].settings.historyPerMonth / pm : 0;
  }

  /** Spend for t = 1..n: the plan for the channels `on` keeps, 0 for the others, then the spend after T. */
  function spendWith(on: (c: number) => boolean, n: number): Spend {
    const spend: Spend = [];
    for (let c = 0; c < count; c++) {
      const row = [0];
      for (let t = 1; t <= n; t++) {
        if (t > T) row.push(spendAfter(c));
        else row.push(on(c) ? planned[c][t] : 0);
      }
      spend.push(row);
    }
    return spend;
  }

  const isUp = (c: number) => channels[c].side === 'upstream';
  const plan = run(model, channels, spendWith(() => true, T + k), T + k);
  const zero = run(model, channels, spendWith(() => false, T + k), T + k);
  // §7: with U_t = 0 (every upstream channel, its short-term effect too) and with D_t = 0.
  const noUp = run(model, channels, spendWith((c) => !isUp(c), T), T);
  const noDown = run(model, channels, spendWith((c) => isUp(c), T), T);
  // §9.4: without channel i's spend for t >= 1, every other channel unchanged, continued past T.
  const without: Run[] = [];
  for (let i = 0; i < count; i++) without.push(run(model, channels, spendWith((c) => c !== i, T + k), T + k));

  // §9.2: side totals U_t and D_t.
  const U = [0];
  const D = [0];
  for (let t = 1; t <= T; t++) {
    let u = 0;
    let dd = 0;
    for (let c = 0; c < count; c++) {
      if (isUp(c)) u += planned[c][t];
      else dd += planned[c][t];
    }
    U.push(u);
    D.push(dd);
  }
  const profit = (t: number) => plan.C[t] - U[t] - D[t];

  const periods: Array<Record<string, any>> = [];
  for (let t = 1; t <= T; t++) {
    const spend: Record<string, number> = {};
    for (let c = 0; c < count; c++) spend[channels[c].name] = planned[c][t];
    periods.push({
      t,
      upstream: U[t],
      downstream: D[t],
      equity: plan.E[t],
      demand: plan.N[t],
      conversion: plan.c[t],
      sales: plan.S[t],
      revenue: plan.R[t],
      contribution: plan.C[t],
      profit: profit(t),
      revenueBase: zero.R[t],
      revenueUpstream: noDown.R[t] - zero.R[t],
      revenueDownstream: noUp.R[t] - zero.R[t],
      revenueSynergy: plan.R[t] - noUp.R[t] - noDown.R[t] + zero.R[t],
      spend,
    });
  }

  // §5 summary.
  let totalSpend = 0;
  let totalRevenue = 0;
  let npv = 0;
  let incremental = 0;
  let incrementalNpv = 0;
  for (let t = 1; t <= T; t++) {
    totalSpend += U[t] + D[t];
    totalRevenue += plan.R[t];
    npv += profit(t) * Math.pow(1 + r, -t / P);
    incremental += plan.C[t] - zero.C[t];
    incrementalNpv += (plan.C[t] - U[t] - D[t] - zero.C[t]) * Math.pow(1 + r, -t / P);
  }
  const roiByYear: Array<number | null> = [];
  for (let y = 1; y <= Y; y++) {
    let spend = 0;
    let inc = 0;
    for (let t = (y - 1) * P + 1; t <= y * P; t++) {
      spend += U[t] + D[t];
      inc += plan.C[t] - zero.C[t];
    }
    roiByYear.push(spend === 0 ? null : (inc - spend) / spend);
  }
  let paybackPeriod: number | null = null;
  let cumulative = 0;
  let spentSoFar = 0;
  for (let t = 1; t <= T; t++) {
    cumulative += plan.C[t] - zero.C[t] - U[t] - D[t];
    spentSoFar += U[t] + D[t];
    if (spentSoFar > 0 && cumulative >= 0) {
      paybackPeriod = t;
      break;
    }
  }
  // §6.
  let carryoverValue = 0;
  for (let t = T + 1; t <= T + k; t++) carryoverValue += (plan.C[t] - zero.C[t]) * Math.pow(1 + r, -t / P);
  // Not an output: the size of the discounted contributions after the horizon, against which the
  // carryover's differences of runs are judged (they may dwarf the horizon's, e.g. with fast growth).
  let carryoverScale = 0;
  for (let t = T + 1; t <= T + k; t++) carryoverScale += (Math.abs(plan.C[t]) + Math.abs(zero.C[t])) * Math.pow(1 + r, -t / P);

  // §9.4: per channel, against the run without its spend. pi_t - pi⁻ⁱ_t = (C_t - C⁻ⁱ_t) - spend_i,t,
  // since the two runs' spend differs only in channel i's.
  const channelResults: Array<Record<string, unknown>> = [];
  for (let i = 0; i < count; i++) {
    const w = without[i];
    let spend = 0;
    let incrementalRevenue = 0;
    let incrementalContribution = 0;
    let valueAdded = 0;
    for (let t = 1; t <= T; t++) {
      spend += planned[i][t];
      incrementalRevenue += plan.R[t] - w.R[t];
      incrementalContribution += plan.C[t] - w.C[t];
      const profitWithout = w.C[t] - (U[t] - (isUp(i) ? planned[i][t] : 0)) - (D[t] - (isUp(i) ? 0 : planned[i][t]));
      valueAdded += (profit(t) - profitWithout) * Math.pow(1 + r, -t / P);
    }
    for (let t = T + 1; t <= T + k; t++) valueAdded += (plan.C[t] - w.C[t]) * Math.pow(1 + r, -t / P);
    channelResults.push({
      name: channels[i].name,
      side: channels[i].side,
      spend,
      incrementalRevenue,
      roi: spend === 0 ? null : (incrementalContribution - spend) / spend,
      valueAdded,
    });
  }

  return {
    periods,
    carryoverScale,
    summary: {
      totalSpend,
      totalRevenue,
      finalEquity: plan.E[T],
      npv,
      roi: totalSpend === 0 ? null : (incremental - totalSpend) / totalSpend,
      roiByYear,
      paybackPeriod,
      carryoverValue,
      npvWithCarryover: npv + carryoverValue,
      incrementalNpv,
      incrementalNpvWithCarryover: incrementalNpv + carryoverValue,
      channels: channelResults,
    },
  };
}

/**
 * Only the scale of the carryover (Σ over T < t ≤ T + k of (|C_t| + |C⁰_t|)·(1 + r)^(−t/P), the
 * plan's and the no-spend run's discounted contributions after the horizon): for tests that judge
 * carryover figures of simulate against simulate, at the cost of two runs.
 */
export function referenceCarryoverScale(model: any): number {
  const P: number = model.periodsPerYear;
  const T = model.horizonYears * P;
  const k: number = model.economics.carryoverYears * P;
  if (k === 0) return 0;
  const pm = P / 12;
  const r: number = model.economics.discountRatePerYear;
  const channels = channelsOf(model);
  const periods = simulatedSpend(model, channels, T);
  const after = (c: number) => (model.economics.carryoverBaseline === 'history' ? channels[c].settings.historyPerMonth / pm : 0);
  const planSpend: Spend = [];
  const zeroSpend: Spend = [];
  for (let c = 0; c < channels.length; c++) {
    const planRow = [0];
    const zeroRow = [0];
    for (let t = 1; t <= T + k; t++) {
      planRow.push(t <= T ? periods[c][t] : after(c));
      zeroRow.push(t <= T ? 0 : after(c));
    }
    planSpend.push(planRow);
    zeroSpend.push(zeroRow);
  }
  const plan = run(model, channels, planSpend, T + k);
  const zero = run(model, channels, zeroSpend, T + k);
  let scale = 0;
  for (let t = T + 1; t <= T + k; t++) scale += (Math.abs(plan.C[t]) + Math.abs(zero.C[t])) * Math.pow(1 + r, -t / P);
  return scale;
}
