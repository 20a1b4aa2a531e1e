import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findNonFinite, nonFiniteResultMessage, overflowSuspects } from '../../src/engine/sim/finite-results.ts';
import { parseModel } from '../../src/engine/model/parse-model.ts';
import { simulate } from '../../src/engine/sim/simulate.ts';
import { CliError } from '../../src/cli/cli-error.ts';
import { refuseOverflow } from '../../src/cli/load-model.ts';

// The last guard behind the limits: a result with a number that is not finite is refused with a
// message naming the settings most likely responsible. The limits keep every valid model finite,
// so these tests give the guard results that are broken on purpose.

const model = parseModel(JSON.parse(readFileSync(new URL('../../models/default.json', import.meta.url), 'utf8')));

describe('findNonFinite', () => {
  it('is undefined for a finite result (a whole simulation)', () => {
    expect(findNonFinite(simulate(model))).toBeUndefined();
  });

  it('finds the first NaN or infinity in written order, with its path, in objects, lists and typed arrays', () => {
    expect(findNonFinite({ a: 1, b: [2, { c: Infinity }], d: NaN })).toEqual({ path: 'b[1].c', value: Infinity });
    expect(findNonFinite({ trace: new Float64Array([1, -Infinity]) })).toEqual({ path: 'trace[1]', value: -Infinity });
    expect(findNonFinite({ roi: null, name: 'NaN' })).toBeUndefined();
  });

  it('walks a result nested 100,000 deep without recursion', () => {
    let deep: unknown = NaN;
    for (let depth = 0; depth < 100_000; depth += 1) deep = [deep];
    expect(findNonFinite(deep)?.value).toBeNaN();
  });
});

describe('nonFiniteResultMessage', () => {
  it('names the figure and the settings that feed it, largest first', () => {
    const broken = simulate(model);
    broken.periods[4].revenue = Infinity;
    expect(nonFiniteResultMessage(model, broken)).toBe(
      'the results overflow: periods[4].revenue is Infinity; the settings most likely responsible: '
      + `budget.perYear (${model.budget!.perYear}), market.inMarketPerMonth (${model.market.inMarketPerMonth}), economics.valuePerSale (${model.economics.valuePerSale}). `
      + 'Lower the setting that is out of proportion (docs/model-limits.md)');
  });

  it('suspects the demand settings for demand', () => {
    const { inMarketPerMonth, growthPerYear } = model.market;
    expect(overflowSuspects(model, 'periods[0].demand'))
      .toEqual([`market.inMarketPerMonth (${inMarketPerMonth})`, `brand.demandLift (${model.brand.demandLift})`, `market.growthPerYear (${growthPerYear})`]);
  });

  it('is undefined when everything is finite', () => {
    expect(nonFiniteResultMessage(model, simulate(model))).toBeUndefined();
  });
});

describe('refuseOverflow (the command\'s guard)', () => {
  it('throws a CliError (exit 2) prefixed by the file', () => {
    const broken = { summary: { npv: NaN } };
    expect(() => refuseOverflow(model, broken, 'models/x.json')).toThrow(CliError);
    expect(() => refuseOverflow(model, broken, 'models/x.json')).toThrow(/^models\/x.json: the results overflow: summary.npv is NaN; the settings most likely responsible: budget.perYear/);
  });
});
