import type { Model } from '../model/model.ts';
import { checkDrawable } from './check-uncertainty.ts';
import { drawValues, uncertainFields } from './uncertain-fields.ts';

/** Draws of a model's uncertain settings, as `posteriorDraws` returns them. */
export interface SettingDraws {
  /** Every uncertain setting's path, in drawing order (`uncertainFields`). */
  paths: string[];
  /** values[d][i]: draw d's value of paths[i]. */
  values: Float64Array[];
}

/**
 * The values Monte Carlo uses for draws 0 … count − 1 of `seed`: the settings in the model's
 * `posterior` drawn jointly from it (correlated), every other uncertain setting from its own
 * range, exactly as `monteCarlo` and the robust optimiser draw them (`drawValues`). For bands
 * around a fitted model's curves: run the curve once per draw with these settings.
 *
 * A model without `posterior` gives its settings' independent draws.
 * Cost: `drawValues` per draw; memory 8 bytes per value.
 * @param model a model returned by `parseModel`
 * @param count whole number ≥ 0
 * @param seed whole number 0 … 2^53 − 1, as Monte Carlo's
 * @throws {UncertaintyError} when a setting drawn from its own range cannot be drawn inside it
 *   (`checkDrawable`)
 * @example posteriorDraws(fitted, 200, 1).values[0] // draw 0's value of every uncertain setting
 */
export function posteriorDraws(model: Model, count: number, seed: number): SettingDraws {
  const fields = uncertainFields(model);
  checkDrawable(fields);
  const values: Float64Array[] = [];
  for (let draw = 0; draw < count; draw += 1) {
    const out = new Float64Array(fields.length);
    drawValues(fields, seed, draw, out);
    values.push(out);
  }
  return { paths: fields.map((field) => field.path), values };
}
