/**
 * INDEPENDENT, deliberately naive reference implementation of the model in
 * /work/shared/model-spec.md (sections 1-7, and the per-channel results of 9.4 for a two-lever
 * file's two channels, "upstream" and "downstream"), with the extensions of issue 10 written from
 * their definitions (spec §9.1/§9.3 for upstream.shortTerm; docs/model.md for the carryover
 * baseline, "history" as the starting equity and 12 monthly seasonality values).
 *
 * Used only by tests to cross-check the real engine in src/engine. It must not
 * import anything from src (or anywhere else): independence is the point.
 * Everything is written as literally as the spec writes it, with plain number
 * arrays and no optimisation (e.g. the lag sum is recomputed from scratch every
 * period).
 *
 * Interpretation choices (where the spec text leaves room) are marked "CHOICE".
 */

// ---------------------------------------------------------------------------
// §4: Hill(x; K, S) = x^S / (x^S + K^S) for x > 0, and 0 for x = 0.
// ---------------------------------------------------------------------------
export function hill(x: number, K: number, S: number): number {
  if (x === 0) return 0;
  const xs = Math.pow(x, S);
  const ks = Math.pow(K, S);
  return xs / (xs + ks);
}

// ---------------------------------------------------------------------------
// §4: L = ceil(lagWindowMonths * pm), where a product within 1e-9 of a whole
// number counts as that whole number (so 12 months of weekly periods is 52).
// ---------------------------------------------------------------------------
export function lagWindowPeriods(lagWindowMonths: number, pm: number): number {
  const product = lagWindowMonths * pm;
  const nearest = Math.round(product);
  if (Math.abs(product - nearest) <= 1e-9) return nearest;
  return Math.ceil(product);
}

// §2: a budget field is either one number for every year or an array of Y numbers.
export function valueForYear(field: number | number[], y: number): number {
  if (Array.isArray(field)) return field[y - 1];
  return field;
}

// ---------------------------------------------------------------------------
// Extension: the seasonal index of period p (0-based) of the year. P values are used as
// given; otherwise 12 values, one per month: a quarter is the mean of its 3 months, a week w
// (0-based) takes the month that contains its midpoint, floor((w + 0.5) * 12 / 52).
// ---------------------------------------------------------------------------
export function seasonIndexFor(seasonality: number[] | null, p: number, P: number): number {
  if (seasonality === null) return 1;
  if (seasonality.length === P) return seasonality[p];
  if (P === 4) return (seasonality[3 * p] + seasonality[3 * p + 1] + seasonality[3 * p + 2]) / 3;
  if (P === 52) return seasonality[Math.floor((p + 0.5) * 12 / 52)];
  throw new Error('seasonality needs P or 12 values');
}

// ---------------------------------------------------------------------------
// Extension: brand.initialEquity "history" is the equity the history's constant spend
// sustains: E* = maxEquity * Hill(x*; K_U', S_U), x* = u * (1 + kappa * Hill(d; K_D', S_D)),
// u = history.upstreamPerMonth / pm, d = history.downstreamPerMonth / pm.
// ---------------------------------------------------------------------------
function initialEquityOf(model: any): number {
  if (model.brand.initialEquity !== 'history') return model.brand.initialEquity;
  const pm = model.periodsPerYear / 12;
  const u = model.history.upstreamPerMonth / pm;
  const d = model.history.downstreamPerMonth / pm;
  const KU = model.upstream.halfSaturation / pm;
  const KD = model.downstream.halfSaturation / pm;
  const xStar = u * (1 + model.upstream.insightFeedback * hill(d, KD, model.downstream.shape));
  return model.brand.maxEquity * hill(xStar, KU, model.upstream.shape);
}

/** Per-period outputs of one run of the equations, indexed 1..n (index 0 unused). */
interface RunResult {
  U: number[];
  D: number[];
  E: number[];
  N: number[];
  c: number[];
  S: number[];
  R: number[];
  C: number[];
  profit: number[];
}

// ---------------------------------------------------------------------------
// §4: one run of the equations for periods t = 1..n, given the spend
// U[t], D[t] for t = 1..n (index 0 unused). Spend for t <= 0 is the history (§3).
// ---------------------------------------------------------------------------
function runEquations(model: any, Uplan: number[], Dplan: number[], n: number): RunResult {
  // §1: time and units
  const P: number = model.periodsPerYear;
  const pm = P / 12;

  // §4: per-period constants
  const rhoE = Math.pow(0.5, 1 / (model.brand.halfLifeMonths * pm));
  const rhoD = Math.pow(0.5, 1 / (model.downstream.halfLifeMonths * pm));
  const theta = model.upstream.lagMonths * pm;
  const L = lagWindowPeriods(model.upstream.lagWindowMonths, pm);
  const KU = model.upstream.halfSaturation / pm;
  const KD = model.downstream.halfSaturation / pm;
  const N0 = model.market.inMarketPerMonth / pm;

  const alpha: number = model.upstream.lagConcentration;
  const SU: number = model.upstream.shape;
  const SD: number = model.downstream.shape;
  const kappa: number = model.upstream.insightFeedback;
  const maxEquity: number = model.brand.maxEquity;
  const lambda: number = model.brand.demandLift;
  const mu: number = model.brand.conversionLift;
  const growth: number = model.market.growthPerYear;
  const seasonality: number[] | null = model.market.seasonality;
  const c0: number = model.economics.baseConversion;
  const cLift: number = model.downstream.maxConversionLift;
  const valuePerSale: number = model.economics.valuePerSale;
  const margin: number = model.economics.margin;

  // §3: spend before the horizon (t <= 0) is the history, converted per period.
  const historyU = model.history.upstreamPerMonth / pm;
  const historyD = model.history.downstreamPerMonth / pm;
  function spendU(t: number): number {
    if (t <= 0) return historyU;
    return Uplan[t];
  }
  function spendD(t: number): number {
    if (t <= 0) return historyD;
    return Dplan[t];
  }

  // §4.1: lag weights w_l = alpha^((l - theta)^2) for l = 0..L
  const w: number[] = [];
  for (let l = 0; l <= L; l++) {
    w.push(Math.pow(alpha, (l - theta) * (l - theta)));
  }

  const out: RunResult = {
    U: [0], D: [0], E: [0], N: [0], c: [0], S: [0], R: [0], C: [0], profit: [0],
  };

  // §4.2 initial adstock d_0, §4.4 initial equity E_0
  let dPrev = historyD;
  let ePrev: number = initialEquityOf(model);
  out.E[0] = ePrev;

  // §9.3 (one upstream channel with a shortTerm): its own adstock
  // a_t = rhoS * a_{t-1} + (1 - rhoS) * U_t, a_0 = history upstream per period, and
  // g_t = cLiftS * Hill(a_t; K'S, SS), added to the conversion (not to insight feedback).
  const shortTerm = model.upstream.shortTerm;
  const rhoS = shortTerm === undefined ? 0 : Math.pow(0.5, 1 / (shortTerm.halfLifeMonths * pm));
  let aPrev = historyU;

  for (let t = 1; t <= n; t++) {
    const Ut = spendU(t);
    const Dt = spendD(t);

    // §4.1: lagged upstream b_t = sum_l w_l * U_{t-l} / sum_l w_l
    let num = 0;
    let den = 0;
    for (let l = 0; l <= L; l++) {
      num += w[l] * spendU(t - l);
      den += w[l];
    }
    const b = num / den;

    // §4.2: downstream adstock d_t = rho_D * d_{t-1} + (1 - rho_D) * D_t
    const d = rhoD * dPrev + (1 - rhoD) * Dt;

    // §4.3: insight feedback x_t = b_t * (1 + kappa * Hill(d_t; K_D', S_D))
    const x = b * (1 + kappa * hill(d, KD, SD));

    // §4.4: equity E_t = rho_E * E_{t-1} + (1 - rho_E) * maxEquity * Hill(x_t; K_U', S_U)
    const E = rhoE * ePrev + (1 - rhoE) * maxEquity * hill(x, KU, SU);

    // §4.5: demand N_t = N0' * season[(t-1) mod P] * (1+g)^((t-1)/P) * (1 + lambda * E_t)
    const seasonIndex = seasonIndexFor(seasonality, (t - 1) % P, P);
    const N = N0 * seasonIndex * Math.pow(1 + growth, (t - 1) / P) * (1 + lambda * E);

    // §9.3: the upstream short-term effect g_t (0 without a shortTerm)
    let g = 0;
    if (shortTerm !== undefined) {
      const a = rhoS * aPrev + (1 - rhoS) * Ut;
      g = shortTerm.maxConversionLift * hill(a, shortTerm.halfSaturation / pm, shortTerm.shape);
      aPrev = a;
    }

    // §4.6 / §9.3: conversion c_t = min(1, (c0 + c_lift * Hill(d_t; K_D', S_D) + g_t) * (1 + mu * E_t))
    const c = shortTerm === undefined
      ? Math.min(1, (c0 + cLift * hill(d, KD, SD)) * (1 + mu * E))
      : Math.min(1, (c0 + cLift * hill(d, KD, SD) + g) * (1 + mu * E));

    // §4.7: sales, revenue, contribution, profit
    const S = N * c;
    const R = S * valuePerSale;
    const C = R * margin;
    const profit = C - Ut - Dt;

    out.U.push(Ut);
    out.D.push(Dt);
    out.E.push(E);
    out.N.push(N);
    out.c.push(c);
    out.S.push(S);
    out.R.push(R);
    out.C.push(C);
    out.profit.push(profit);

    dPrev = d;
    ePrev = E;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Public entry point: §3 (spend), §4 (equations), §5 (results),
// §6 (carryover), §7 (revenue decomposition).
// ---------------------------------------------------------------------------
export function referenceSimulate(model: any): {
  periods: Array<Record<string, any>>;
  summary: Record<string, any>;
  carryoverScale: number;
} {
  // §1: time
  const P: number = model.periodsPerYear;
  const Y: number = model.horizonYears;
  const T = Y * P;
  const r: number = model.economics.discountRatePerYear;

  // §6: k = carryoverYears * P extra periods after the horizon
  const k: number = model.economics.carryoverYears * P;

  // §3: planned spend per period for t = 1..T (index 0 unused)
  const planU: number[] = [0];
  const planD: number[] = [0];
  for (let t = 1; t <= T; t++) {
    if (model.plan !== undefined && model.plan !== null) {
      planU.push(model.plan.upstream[t - 1]);
      planD.push(model.plan.downstream[t - 1]);
    } else {
      const y = Math.ceil(t / P);
      const B = valueForYear(model.budget.perYear, y) / P;
      const share = valueForYear(model.budget.upstreamShare, y);
      planU.push(share * B);
      planD.push((1 - share) * B);
    }
  }

  // Zero-spend helper: an array of zeros for t = 1..n (index 0 unused)
  function zeros(n: number): number[] {
    const a: number[] = [];
    for (let t = 0; t <= n; t++) a.push(0);
    return a;
  }

  // §6: the plan run and the zero-spend counterfactual (§5) are each continued
  // past T with U = D = 0 for T < t <= T + k. Continuing a run from its own state
  // is the same as running it over T + k periods with zero spend appended, so the
  // lag window for t > T sees that run's own spend for t <= T (and history for t <= 0).
  // Extension: with economics.carryoverBaseline "history", both runs instead spend the
  // history's amount per period for T < t <= T + k (business as usual after the plan).
  const afterHorizon = model.economics.carryoverBaseline === 'history';
  const pm = P / 12;
  const afterU = afterHorizon ? model.history.upstreamPerMonth / pm : 0;
  const afterD = afterHorizon ? model.history.downstreamPerMonth / pm : 0;
  const planUext = planU.slice();
  const planDext = planD.slice();
  for (let t = T + 1; t <= T + k; t++) {
    planUext.push(afterU);
    planDext.push(afterD);
  }
  const plan = runEquations(model, planUext, planDext, T + k);
  // §5: counterfactual = same model with U_t = D_t = 0 for t >= 1 (history unchanged)
  // (and, with the "history" baseline, the history's spend again after T)
  const zeroU = zeros(T + k);
  const zeroD = zeros(T + k);
  for (let t = T + 1; t <= T + k; t++) {
    zeroU[t] = afterU;
    zeroD[t] = afterD;
  }
  const zero = runEquations(model, zeroU, zeroD, T + k);

  // §7: the other two runs of the decomposition, over the horizon
  const noUp = runEquations(model, zeros(T), planD, T); // U_t = 0 for t >= 1
  const noDown = runEquations(model, planU, zeros(T), T); // D_t = 0 for t >= 1

  // §5: per-period results, with the §7 decomposition
  const periods: Array<Record<string, any>> = [];
  for (let t = 1; t <= T; t++) {
    const R = plan.R[t];
    const R0 = zero.R[t];
    const RnoUp = noUp.R[t];
    const RnoDown = noDown.R[t];
    periods.push({
      t: t,
      upstream: plan.U[t],
      downstream: plan.D[t],
      equity: plan.E[t],
      demand: plan.N[t],
      conversion: plan.c[t],
      sales: plan.S[t],
      revenue: R,
      contribution: plan.C[t],
      profit: plan.profit[t],
      revenueBase: R0,
      revenueUpstream: RnoDown - R0,
      revenueDownstream: RnoUp - R0,
      revenueSynergy: R - RnoUp - RnoDown + R0,
      // §9.1/§9.4: a two-lever file is one channel a side, named "upstream" and "downstream".
      spend: { upstream: plan.U[t], downstream: plan.D[t] },
    });
  }

  // §5: summary over the horizon
  let totalSpend = 0;
  let totalRevenue = 0;
  let npv = 0;
  let incrementalContribution = 0;
  for (let t = 1; t <= T; t++) {
    totalSpend += plan.U[t] + plan.D[t];
    totalRevenue += plan.R[t];
    npv += plan.profit[t] * Math.pow(1 + r, -t / P);
    incrementalContribution += plan.C[t] - zero.C[t];
  }
  const finalEquity = plan.E[T];

  // §5: roi = (sum (C_t - C0_t) - totalSpend) / totalSpend; null when totalSpend = 0
  const roi = totalSpend === 0 ? null : (incrementalContribution - totalSpend) / totalSpend;

  // §5: roiByYear, the same ratio over the periods of each year
  const roiByYear: Array<number | null> = [];
  for (let y = 1; y <= Y; y++) {
    let spend = 0;
    let inc = 0;
    for (let t = (y - 1) * P + 1; t <= y * P; t++) {
      spend += plan.U[t] + plan.D[t];
      inc += plan.C[t] - zero.C[t];
    }
    roiByYear.push(spend === 0 ? null : (inc - spend) / spend);
  }

  // §5: paybackPeriod, the first t at which something has been spent (sum_{s<=t} (U_s + D_s) > 0)
  // and sum_{s<=t} (C_s - C0_s - U_s - D_s) >= 0; null if none, always null when nothing is spent.
  let paybackPeriod: number | null = null;
  let cumulative = 0;
  let spentSoFar = 0;
  for (let t = 1; t <= T; t++) {
    cumulative += plan.C[t] - zero.C[t] - plan.U[t] - plan.D[t];
    spentSoFar += plan.U[t] + plan.D[t];
    if (spentSoFar > 0 && cumulative >= 0) {
      paybackPeriod = t;
      break;
    }
  }

  // §6: carryoverValue = sum_{t=T+1}^{T+k} (C_t - C0_t) * (1 + r)^(-t/P)
  let carryoverValue = 0;
  for (let t = T + 1; t <= T + k; t++) {
    carryoverValue += (plan.C[t] - zero.C[t]) * Math.pow(1 + r, -t / P);
  }
  const npvWithCarryover = npv + carryoverValue;
  // Not an output: the size of the discounted contributions after the horizon, against which the
  // carryover's differences of runs are judged (they may dwarf the horizon's, e.g. with fast growth).
  let carryoverScale = 0;
  for (let t = T + 1; t <= T + k; t++) carryoverScale += (Math.abs(plan.C[t]) + Math.abs(zero.C[t])) * Math.pow(1 + r, -t / P);

  // Extension (docs/model.md): the marketing's own value, npv minus the zero-spend run's NPV.
  let incrementalNpv = 0;
  for (let t = 1; t <= T; t++) {
    incrementalNpv += (plan.C[t] - plan.U[t] - plan.D[t] - zero.C[t]) * Math.pow(1 + r, -t / P);
  }

  // §9.4 for a two-lever file (§9.1: one channel a side, "upstream" and "downstream"): the run
  // without a channel's spend for t >= 1, history and the other channel unchanged, continued past
  // the horizon as the plan's run is (after T both spend what the carryover baseline says).
  const withoutUpU = zeros(T + k);
  for (let t = T + 1; t <= T + k; t++) withoutUpU[t] = afterU;
  const withoutDownD = zeros(T + k);
  for (let t = T + 1; t <= T + k; t++) withoutDownD[t] = afterD;
  const withoutUp = runEquations(model, withoutUpU, planDext, T + k);
  const withoutDown = runEquations(model, planUext, withoutDownD, T + k);
  function channelSummary(name: string, spendOf: number[], without: RunResult): Record<string, unknown> {
    let spend = 0;
    let incrementalRevenue = 0;
    let incrementalContributionI = 0;
    let valueAdded = 0;
    for (let t = 1; t <= T; t++) {
      spend += spendOf[t];
      incrementalRevenue += plan.R[t] - without.R[t];
      incrementalContributionI += plan.C[t] - without.C[t];
      valueAdded += (plan.profit[t] - without.profit[t]) * Math.pow(1 + r, -t / P);
    }
    for (let t = T + 1; t <= T + k; t++) {
      valueAdded += (plan.C[t] - without.C[t]) * Math.pow(1 + r, -t / P);
    }
    return {
      name,
      side: name,
      spend,
      incrementalRevenue,
      roi: spend === 0 ? null : (incrementalContributionI - spend) / spend,
      valueAdded,
    };
  }
  const channels = [channelSummary('upstream', plan.U, withoutUp), channelSummary('downstream', plan.D, withoutDown)];

  return {
    periods,
    carryoverScale,
    summary: {
      channels,
      totalSpend,
      totalRevenue,
      finalEquity,
      npv,
      roi,
      roiByYear,
      paybackPeriod,
      carryoverValue,
      npvWithCarryover,
      incrementalNpv,
      incrementalNpvWithCarryover: incrementalNpv + carryoverValue,
    },
  };
}
