import { expect, it } from 'vitest';
import { KEY_FIGURES, keyFigure } from '../../src/engine/key-figures.ts';
import { SUMMARY_FIELDS } from '../../src/engine/index.ts';

it('declares every scalar summary field exactly once, the marketing’s own value first', () => {
  const scalar = SUMMARY_FIELDS.filter((field) => field !== 'roiByYear');
  expect(KEY_FIGURES.map((figure) => figure.field).sort()).toEqual([...scalar].sort());
  expect(KEY_FIGURES[0].field).toBe('incrementalNpvWithCarryover');
  expect(new Set(KEY_FIGURES.map((figure) => figure.label)).size).toBe(KEY_FIGURES.length);
  expect(keyFigure('paybackPeriod').better).toBe('lower');
  expect(() => keyFigure('roiByYear' as never)).toThrow('no key figure');
});
