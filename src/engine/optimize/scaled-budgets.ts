import type { Model } from '../model/model.ts';
import { yearlyBudgets } from '../tradeoff-curve.ts';

/**
 * The model's yearly budgets scaled so that they average `budgetPerYear`, keeping their
 * profile (a model that spends twice as much in year 2 still does). A model with no budget at
 * all has no profile; it gets `budgetPerYear` every year.
 * @example scaledBudgets(modelWith([1e6, 2e6]), 3e6) // [2e6, 4e6]
 */
export function scaledBudgets(model: Model, budgetPerYear: number): number[] {
  const current = yearlyBudgets(model);
  const average = averageOf(current);
  return current.map((budget) => (average > 0 ? budget * (budgetPerYear / average) : budgetPerYear));
}

/** The model's average budget per year over its horizon. */
export function averageBudgetPerYear(model: Model): number {
  return averageOf(yearlyBudgets(model));
}

function averageOf(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}
