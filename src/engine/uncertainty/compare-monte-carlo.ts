import type { Model } from '../model/model.ts';
import { type MonteCarloResult, runMonteCarlo } from './monte-carlo.ts';
import type { MonteCarloOptions } from './monte-carlo-options.ts';

/**
 * Each scenario's chance of having the highest figure, in the order given: the marketing's own
 * value (incremental NPV, with and without carryover) and the business's total NPV. For plans of
 * one model the two agree draw by draw (the zero-spend run does not depend on the plan); for
 * models that differ in a setting that also moves what the business earns with no marketing
 * (margin, market size) they can differ.
 */
export interface ProbabilityBest {
  incrementalNpvWithCarryover: number[];
  incrementalNpv: number[];
  npv: number[];
  npvWithCarryover: number[];
}

export interface MonteCarloComparison {
  scenarios: MonteCarloResult[];
  probabilityBest: ProbabilityBest;
}

/**
 * Monte Carlo for several scenarios on common random numbers: draw d of every scenario uses the
 * same value of each uncertain field the scenarios share (the values depend only on the seed,
 * d and the field; see `drawSource`), so "A beats B" is judged on like for like and the
 * comparison's noise is far below that of independent runs. In each draw the scenario with the
 * highest NPV (and, separately, NPV with carryover) scores 1; a tie of k scenarios scores 1/k
 * each, so a scenario compared with itself has exactly equal chances.
 *
 * Fields uncertain in one scenario and fixed (or absent) in another are not shared: the
 * comparison then also carries that difference in assumptions, as it should.
 *
 * Cost: `monteCarlo` per scenario, plus O(draws · scenarios).
 * @param models at least one
 * @throws {UncertaintyError} as `monteCarlo`
 * @example compareMonteCarlo([a, b], { draws: 10000, seed: 1 }).probabilityBest.npv // [0.3, 0.7]
 */
export function compareMonteCarlo(models: readonly Model[], options: MonteCarloOptions): MonteCarloComparison {
  const runs = models.map((model) => runMonteCarlo(model, options));
  const chances = (figure: keyof ProbabilityBest): number[] => {
    const wins = new Float64Array(runs.length);
    const draws = runs[0].result.draws;
    for (let draw = 0; draw < draws; draw += 1) {
      let best = -Infinity;
      let ties = 0;
      for (const run of runs) {
        const value = run[figure][draw];
        if (value > best) { best = value; ties = 1; } else if (value === best) ties += 1;
      }
      for (const [index, run] of runs.entries()) if (run[figure][draw] === best) wins[index] += 1 / ties;
    }
    return Array.from(wins, (win) => win / draws);
  };
  return {
    scenarios: runs.map((run) => run.result),
    probabilityBest: {
      incrementalNpvWithCarryover: chances('incrementalNpvWithCarryover'), incrementalNpv: chances('incrementalNpv'),
      npv: chances('npv'), npvWithCarryover: chances('npvWithCarryover'),
    },
  };
}
