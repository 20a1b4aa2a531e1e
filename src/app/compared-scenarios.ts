import { incrementalProfit, simulate } from '../engine/index.ts';
import { marginalRoi } from '../engine/sim/marginal-roi.ts';
import type { ComparedEntry } from './scenario-comparison.component.ts';
import type { Scenario } from './scenario-store.ts';

/**
 * The compared scenarios with their results, simulated once per change of the selection (or of
 * a compared scenario's save), not on every render.
 */
export class ComparedScenarios {
  private entries: ComparedEntry[] = [];
  private key = '';

  /** The results of `compareIds`, in order, skipping any that is no longer saved. */
  results(scenarios: readonly Scenario[], compareIds: readonly string[]): ComparedEntry[] {
    const key = compareIds.map((id) => `${id}@${scenarios.find((scenario) => scenario.id === id)?.savedAt}`).join(',');
    if (key !== this.key) {
      this.key = key;
      this.entries = compareIds.flatMap((id) => {
        const scenario = scenarios.find((candidate) => candidate.id === id);
        if (scenario === undefined) return [];
        const result = simulate(scenario.model);
        return [{ id, model: scenario.model, result, profit: incrementalProfit(result.periods, scenario.model.economics.margin), marginal: marginalRoi(scenario.model) }];
      });
    }
    return this.entries;
  }
}
