import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../src/engine/compile-model.ts';
import { parseModel } from '../../../src/engine/index.ts';
import { planSpend } from '../../../src/engine/plan-spend.ts';
import { createRunTrace, downstreamFor, upstreamWithHistory } from '../../../src/engine/run-model.ts';
import { fastRun, runPowers } from '../../../src/engine/uncertainty/fast-run.ts';
import { validModel } from '../arbitrary-model.ts';
import { realisticModel } from './realistic-models.ts';

/**
 * fastRun's shortcuts that rest on knowing where spend ends (the lag sum skipping lags past the
 * last spend, the negligible downstream response, the plain decay loop at the end) claim to
 * change no bit. Told nothing (the last spend at the end of the run), it takes none of them.
 */
describe('fastRun', () => {
  it('gives the same bits when told where spend ends as when told nothing, for the plan and for no spend', () => {
    fc.assert(fc.property(fc.oneof(validModel.map(parseModel), realisticModel), (model) => {
      const compiled = compileModel(model);
      const { periods, lagWindow } = compiled;
      const length = periods + compiled.carryoverPeriods;
      const powers = runPowers(compiled);
      const spend = planSpend(model);
      const runs = [
        { upstream: upstreamWithHistory(compiled, spend.upstream, length), downstream: downstreamFor(spend.downstream, length), lastSpend: lagWindow + periods - 1, lastDownstreamSpend: periods - 1 },
        { upstream: upstreamWithHistory(compiled, null, length), downstream: downstreamFor(null, length), lastSpend: lagWindow - 1, lastDownstreamSpend: -1 },
      ];
      for (const run of runs) {
        const told = createRunTrace(length);
        const untold = createRunTrace(length);
        fastRun(compiled, powers, run.upstream, run.downstream, length, run.lastSpend, run.lastDownstreamSpend, told);
        fastRun(compiled, powers, run.upstream, run.downstream, length, lagWindow + length - 1, length - 1, untold);
        for (const series of ['equity', 'revenue', 'contribution'] as const) {
          for (let index = 0; index < length; index += 1) {
            expect(Object.is(told[series][index], untold[series][index]), `${series}[${index}]: ${told[series][index]} vs ${untold[series][index]}`).toBe(true);
          }
        }
      }
    }), { numRuns: 300 });
  });
});
