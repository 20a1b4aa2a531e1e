import type { PhasingOutcome, SearchControl } from './phasings/phasing.ts';
import type { PlanSpace } from './plan-space.ts';
import { copyRows } from './plan-space.ts';
import { addRoughnessGradient, rowsRoughness } from './plan-roughness.ts';

/** What the smoothing step chose, for the result and its note. */
export interface Smoothing {
  /** The best value found (the plan returned with `exactBest`). */
  bestValue: number;
  /** The value of the plan returned: at least `bestValue − tolerance`. */
  value: number;
  /** How much value the smoother plan was allowed to give up: smoothTolerance · |bestValue|. */
  tolerance: number;
  /** `planRoughness` of the best plan and of the plan returned. */
  bestRoughness: number;
  roughness: number;
}

/** A search for the best plan of one phasing from a start, on any plan space. */
export type PlanSearch = (space: PlanSpace, start: PhasingOutcome, control: SearchControl) => PhasingOutcome;

/** Penalty weights tried: 4 times the one before from the one whose loss is bounded, then bisected. */
const STAGES = 7;
const GROWTH = 4;

/**
 * Among the plans whose value is within `tolerance` of the best found, a smooth one: the
 * objective is nearly flat along period-to-period alternations (the lag window keeps about 2 %
 * of an alternating pattern of upstream spend), so the best plan found is one of many almost as
 * good, and the search's path decides which zig-zag it is. A buyer needs the smooth one.
 *
 * Method: penalised re-optimisation with continuation. Maximise V(x) − μ·R(x) (R the
 * roughness, `planRoughness`) with the same search, starting from the best plan x*, for
 * μ₀ = tolerance / R(x*) and then 4, 16, … times it, each from the last plan accepted; a plan
 * is accepted while V ≥ V* − tolerance; after the first weight rejected, the geometric middle
 * of it and the last accepted is tried once (measured: further halvings of the bracket cost a
 * sixth of the smoothing's runs on the default and changed nothing), 7 weights at most. The first stage is always within tolerance: the search
 * never ends below its start in the penalised value, so V(x) − μ₀R(x) ≥ V* − μ₀R(x*) = V* − tolerance,
 * and R(x) ≥ 0. Later stages trade more value for smoothness until the tolerance is used.
 *
 * Cost: up to 7 searches of the phasing, each usually far shorter than the first (it starts
 * near its answer).
 * @returns the plan chosen (the best itself when it is already smooth or the tolerance is 0),
 *   what was traded, and whether `shouldStop` cut the smoothing short (the plan is then the
 *   smoothest found so far within tolerance)
 */
export function smoothestWithinTolerance(
  space: PlanSpace, best: PhasingOutcome, search: PlanSearch, tolerance: number, control: SearchControl,
): { plan: PhasingOutcome; smoothing: Smoothing; cancelled: boolean } {
  const reference = space.totalBudget / space.periods;
  const bestRoughness = rowsRoughness(best.spend, reference);
  let chosen = best;
  let chosenRoughness = bestRoughness;
  let bestValue = best.value;
  let cancelled = false;
  if (bestRoughness > 0 && tolerance > 0 && !best.cancelled) {
    // Weights grow 4-fold while the plans stay within tolerance; after the first that does not,
    // the geometric middle between it and the last accepted one is tried, once.
    let accepted = 0;
    let rejected = Infinity;
    let weight = tolerance / bestRoughness;
    for (let stage = 0; stage < STAGES; stage += 1) {
      const penalised = penalisedSpace(space, weight, reference);
      const start = { ...chosen, value: chosen.value - weight * chosenRoughness };
      const found = search(penalised, start, {
        shouldStop: control.shouldStop,
        onProgress: control.onProgress === undefined ? undefined : (fraction) => control.onProgress?.((stage + fraction) / STAGES),
      });
      if (found.cancelled) { cancelled = true; break; }
      const value = space.value(found.spend);
      bestValue = Math.max(bestValue, value);
      if (value >= bestValue - tolerance) {
        chosen = { ...found, value, spend: copyRows(found.spend) };
        chosenRoughness = rowsRoughness(chosen.spend, reference);
        accepted = weight;
      } else {
        rejected = weight;
      }
      weight = rejected === Infinity ? weight * GROWTH : Math.sqrt(accepted * rejected);
      if (accepted === 0 || rejected / accepted < 2.5) break; // one middle weight is tried, not a bisection to the end
    }
  }
  control.onProgress?.(1);
  return {
    plan: chosen,
    smoothing: { bestValue, value: chosen.value, tolerance, bestRoughness, roughness: chosenRoughness },
    cancelled,
  };
}

/** The plan space with the objective V − weight · R: what the continuation maximises. */
function penalisedSpace(space: PlanSpace, weight: number, reference: number): PlanSpace {
  let last: readonly Float64Array[] = [];
  return {
    ...space,
    value(spend) {
      last = spend;
      return space.value(spend) - weight * rowsRoughness(spend, reference);
    },
    gradient(out) {
      space.gradient(out);
      addRoughnessGradient(last, reference, -weight, out);
    },
    get runs() { return space.runs; },
    // Each stage only needs to settle well inside the value tolerance (1e-3 of the best value by
    // default), not to the last digits: 1e-8 of the money at stake instead of 1e-10.
    tolerance: Math.max(space.tolerance, STAGE_TOLERANCE),
  };
}

/** How closely each penalised search settles, relative to the money at stake. */
const STAGE_TOLERANCE = 1e-8;
