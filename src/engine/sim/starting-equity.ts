import type { Model } from '../model/model.ts';
import { hill } from './hill.ts';

/**
 * Brand equity at the start of the plan, E₀: `brand.initialEquity` when it is a number, and when
 * it is `"history"` the equity that the history's constant spend sustains (docs/model.md,
 * "Equity implied by history"):
 *
 *   E* = maxEquity · Hill(x*; K'_U, S_U),   x* = u · (1 + κ · Hill(d; K'_D, S_D)),
 *
 * with u = history.upstreamPerMonth / pm and d = history.downstreamPerMonth / pm per period.
 * Constant spend u gives a lagged upstream of u (the lag weights are normalised) and an adstock
 * of d (the adstock is too), so E* is the fixed point of spec §4 step 4 under the history's spend:
 * a run that starts at E* and keeps spending the history stays at E*. Like the steady state of
 * spec §8, it is the same at every period length (pm cancels inside each Hill curve).
 *
 * @param model a model returned by `parseModel`
 * @returns 0 … maxEquity
 * @example startingEquity(parseModel({ ...model, brand: { ...model.brand, initialEquity: 'history' } }))
 */
export function startingEquity(model: Model): number {
  const { initialEquity } = model.brand;
  if (initialEquity !== 'history') return initialEquity;
  const periodsPerMonth = model.periodsPerYear / 12;
  return equityImpliedByHistory(
    model.history.upstreamPerMonth / periodsPerMonth,
    model.history.downstreamPerMonth / periodsPerMonth,
    model.brand.maxEquity,
    model.upstream.halfSaturation / periodsPerMonth,
    model.upstream.shape,
    model.downstream.halfSaturation / periodsPerMonth,
    model.downstream.shape,
    model.upstream.insightFeedback,
  );
}

/**
 * E* from per-period constants (spend and half-saturations per period): the one formula that
 * `startingEquity`, `compileModel` and the Monte Carlo recompiler all use.
 */
export function equityImpliedByHistory(
  upstreamPerPeriod: number,
  downstreamPerPeriod: number,
  maxEquity: number,
  upstreamHalfSaturation: number,
  upstreamShape: number,
  downstreamHalfSaturation: number,
  downstreamShape: number,
  insightFeedback: number,
): number {
  const effectiveUpstream = upstreamPerPeriod * (1 + insightFeedback * hill(downstreamPerPeriod, downstreamHalfSaturation, downstreamShape));
  return maxEquity * hill(effectiveUpstream, upstreamHalfSaturation, upstreamShape);
}
