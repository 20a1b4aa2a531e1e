import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { cliErrorMessage as messageOf } from './cli-harness.ts';
import { applyOverride, parseOverride } from '../../src/cli/set-override.ts';
import { PROJECT_ROOT, runInProcess } from './cli-harness.ts';

const defaultModel = (): Record<string, any> => JSON.parse(readFileSync(`${PROJECT_ROOT}models/default.json`, 'utf8'));

const applied = (...overrides: string[]) => {
  const json = defaultModel();
  for (const override of overrides) applyOverride(json, parseOverride(override));
  return json;
};

describe('parseOverride', () => {
  it('parses the value as JSON', () => {
    expect(parseOverride('horizonYears=5').value).toBe(5);
    expect(parseOverride('budget.perYear=[1e6,2e6,3e6]').value).toEqual([1e6, 2e6, 3e6]);
    expect(parseOverride('market.seasonality=null').value).toBeNull();
    expect(parseOverride('name="2024"').value).toBe('2024');
  });

  it('takes a value that is not valid JSON as text', () => {
    expect(parseOverride('name=My plan').value).toBe('My plan');
    expect(parseOverride('name=').value).toBe('');
  });

  it('splits the path at dots and keeps "=" in the value', () => {
    expect(parseOverride('description=a=b')).toEqual({ path: 'description', segments: ['description'], value: 'a=b' });
    expect(parseOverride('budget.perYear.1=5').segments).toEqual(['budget', 'perYear', '1']);
  });

  it('refuses an argument without "=", an empty path, or an empty part', () => {
    expect(messageOf(() => parseOverride('horizonYears'))).toMatch(/--set needs path=value, got 'horizonYears'/);
    expect(messageOf(() => parseOverride('=5'))).toMatch(/has no path before '='/);
    expect(messageOf(() => parseOverride('budget..perYear=5'))).toMatch(/has an empty part/);
    expect(messageOf(() => parseOverride('.x=5'))).toMatch(/has an empty part/);
  });

  it.each(['__proto__.polluted=1', 'constructor.prototype.x=1', 'budget.__proto__.x=1', 'prototype=1'])(
    'refuses %s', (argument) => {
      expect(messageOf(() => parseOverride(argument))).toMatch(/is not allowed/);
    },
  );
});

describe('applyOverride', () => {
  it('replaces a field', () => {
    const json = applied('horizonYears=5', 'budget.upstreamShare=0.3');
    expect(json.horizonYears).toBe(5);
    expect(json.budget.upstreamShare).toBe(0.3);
  });

  it('applies overrides in order, so a later one wins', () => {
    expect(applied('horizonYears=5', 'horizonYears=2').horizonYears).toBe(2);
  });

  it('indexes lists with numeric parts and appends at the length', () => {
    const json = applied('budget.perYear=[1,2,3]', 'budget.perYear.1=5', 'budget.perYear.3=7');
    expect(json.budget.perYear).toEqual([1, 5, 3, 7]);
  });

  it('refuses a list index past the end or a name on a list', () => {
    expect(messageOf(() => applied('budget.perYear=[1,2]', 'budget.perYear.5=1'))).toMatch(/budget.perYear has 2 items/);
    expect(messageOf(() => applied('budget.perYear=[1,2]', 'budget.perYear.first=1'))).toMatch(/budget.perYear is a list/);
  });

  it('refuses to walk into a number, text or null', () => {
    expect(messageOf(() => applied('horizonYears.x=1'))).toBe('cannot apply --set horizonYears.x: horizonYears is 3, not an object or list');
    expect(messageOf(() => applied('market.seasonality.0=1'))).toMatch(/market.seasonality is null/);
  });

  it('creates missing intermediate objects as plain objects', () => {
    const json = applied('plan.upstream.x=1');
    expect(Object.getPrototypeOf(json.plan)).toBe(Object.prototype);
    expect(json.plan).toEqual({ upstream: { x: 1 } });
  });

  it('does not walk into inherited properties such as toString', () => {
    const json = applied('toString.x=1');
    expect(Object.prototype.hasOwnProperty.call(json, 'toString')).toBe(true);
    expect(typeof Object.prototype.toString).toBe('function');
    expect(({}).toString()).toBe('[object Object]');
  });
});

describe('--set never pollutes prototypes', () => {
  afterEach(() => {
    // If a test failed by polluting, do not let it leak into the rest of the run.
    delete (Object.prototype as Record<string, unknown>).polluted;
    delete (Object.prototype as Record<string, unknown>).x;
  });

  it.each([
    ['__proto__.polluted=1'],
    ['constructor.prototype.polluted=1'],
    ['brand.__proto__.polluted=1'],
    ['budget.perYear.constructor.prototype.polluted=1'],
  ])('simulate --set %s exits 2 and leaves Object.prototype alone', (argument) => {
    const run = runInProcess(['simulate', 'models/default.json', '--set', argument]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/is not allowed/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a JSON value holding "__proto__" stays data and fails validation', () => {
    const run = runInProcess(['simulate', 'models/default.json', '--set', 'brand={"__proto__":{"polluted":1}}']);
    expect(run.exitCode).toBe(2);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('the sweep parameter is checked like a --set path', () => {
    const run = runInProcess(['sweep', 'models/default.json', '--param', '__proto__.polluted', '--from', '0', '--to', '1', '--steps', '2']);
    expect(run.exitCode).toBe(2);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
