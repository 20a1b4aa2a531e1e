import { type Model, type OptimizedPlan, type Plan, type TwoLeverModel, isChannelModel, parseModel } from '../../src/engine/index.ts';

/**
 * A model the tests treat as two-lever (spec §2-8): validated like any input, and refused if it is
 * in the channel form, so a test that spreads it with `upstream`/`downstream` plans stays typed.
 */
export function twoLeverModel(input: unknown): TwoLeverModel {
  const model: Model = parseModel(input);
  if (isChannelModel(model)) throw new Error(`${model.name} is in the channel form; this test needs a two-lever model`);
  return model;
}

/** An optimiser's plan for a two-lever model: `{ upstream, downstream }` (refused in the channel form). */
export function twoLeverPlan(plan: OptimizedPlan): Plan {
  if (!Array.isArray(plan.upstream) || !Array.isArray(plan.downstream) || Object.keys(plan).length !== 2) {
    throw new Error('expected a two-lever plan { upstream, downstream }');
  }
  return { upstream: plan.upstream, downstream: plan.downstream };
}
