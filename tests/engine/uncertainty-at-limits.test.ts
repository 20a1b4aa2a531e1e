import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findNonFinite } from '../../src/engine/sim/finite-results.ts';
import { NUMBER_FIELDS } from '../../src/engine/model/model-fields.ts';
import { ModelError, parseModel } from '../../src/engine/model/parse-model.ts';
import { monteCarlo } from '../../src/engine/uncertainty/monte-carlo.ts';
import { sensitivity } from '../../src/engine/uncertainty/sensitivity.ts';
import { UncertaintyError } from '../../src/engine/uncertainty/uncertainty-error.ts';
import {
  MAX_BETA_PARAMETER, MAX_LOGNORMAL_SIGMA, MAX_PARAMETER_MAGNITUDE,
} from '../../src/engine/model/distributions/parameter-limits.ts';
import { modelAtLimits } from './arbitrary-extreme-model.ts';

// Ranges at the limits of their parameters (docs/model-limits.md): parseModel either refuses one
// with a ModelError, or Monte Carlo and sensitivity give finite numbers everywhere (or refuse a
// draw that a rule between fields makes impossible with an UncertaintyError, which names it).

const uncertainPaths = NUMBER_FIELDS.filter((field) => field.fixedReason === undefined).map((field) => field.path);
const location = fc.oneof(
  fc.constantFrom(-MAX_PARAMETER_MAGNITUDE, MAX_PARAMETER_MAGNITUDE, 0, 1, 0.5),
  fc.double({ min: -MAX_PARAMETER_MAGNITUDE, max: MAX_PARAMETER_MAGNITUDE, noNaN: true, noDefaultInfinity: true }),
);
const spread = (limit: number) => fc.oneof(fc.constantFrom(0, limit, Number.MIN_VALUE), fc.double({ min: 0, max: limit, noNaN: true }));
const range = fc.oneof(
  fc.record({ dist: fc.constant('normal'), mean: location, sd: spread(MAX_PARAMETER_MAGNITUDE) }),
  fc.record({ dist: fc.constant('lognormal'), median: location.map((value) => Math.abs(value) || 1), sigma: spread(MAX_LOGNORMAL_SIGMA) }),
  fc.tuple(location, location).map(([a, b]) => ({ dist: 'uniform', min: Math.min(a, b), max: Math.max(a, b) })),
  fc.tuple(location, location, location).map((values) => {
    const [min, mode, max] = values.sort((a, b) => a - b);
    return { dist: 'triangular', min, mode, max };
  }),
  fc.record({ dist: fc.constant('beta'), alpha: spread(MAX_BETA_PARAMETER).map((value) => value || 1), beta: spread(MAX_BETA_PARAMETER).map((value) => value || 1) }),
);

describe('uncertainty at the limits', () => {
  it('is refused by parseModel, or runs to finite numbers (fast-check)', () => {
    let ran = 0;
    fc.assert(fc.property(modelAtLimits, fc.dictionary(fc.constantFrom(...uncertainPaths), range, { minKeys: 1, maxKeys: 3 }), (input, uncertainty) => {
      let model;
      try {
        model = parseModel({ ...input, uncertainty });
      } catch (error) {
        expect(error).toBeInstanceOf(ModelError);
        return;
      }
      try {
        const tornado = sensitivity(model);
        expect(findNonFinite(tornado), JSON.stringify(uncertainty)).toBeUndefined();
        expect(findNonFinite(monteCarlo(model, { draws: 20, seed: 7 })), JSON.stringify(uncertainty)).toBeUndefined();
        ran += 1;
      } catch (error) {
        if (!(error instanceof UncertaintyError)) throw error;
      }
    }), { numRuns: 150 });
    // The property is not vacuous: many of the ranges were valid and ran.
    expect(ran).toBeGreaterThan(20);
  });
});
