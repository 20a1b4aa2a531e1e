import type { Model } from '../model/model.ts';
import { NUMBER_FIELDS } from '../model/model-fields.ts';

/** A number in a result that is not finite, and where it is ("periods[0].revenue"). */
export interface NonFiniteNumber {
  path: string;
  value: number;
}

/**
 * The first number in a result (any plain data: objects, lists, typed arrays) that is NaN or
 * ±Infinity, in the order the result is written; undefined when every number is finite.
 *
 * The last guard behind the limits of docs/model-limits.md: those keep every valid model finite,
 * and this makes sure that if a future setting or a bug breaks that, the overflow is refused
 * with a message rather than shown as Infinity, NaN or (in JSON) null. Iterative, so a result of
 * any depth is walked without recursion. O(number of values).
 *
 * @example findNonFinite({ periods: [{ revenue: Infinity }] }) // { path: 'periods[0].revenue', value: Infinity }
 */
export function findNonFinite(result: unknown): NonFiniteNumber | undefined {
  const pending: { value: unknown; path: string }[] = [{ value: result, path: '' }];
  while (pending.length > 0) {
    const { value, path } = pending.pop()!;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return { path, value };
    } else if (Array.isArray(value) || ArrayBuffer.isView(value)) {
      const items = value as ArrayLike<unknown>;
      // Pushed last first, so that items are visited in order.
      for (let index = items.length - 1; index >= 0; index -= 1) pending.push({ value: items[index], path: `${path}[${index}]` });
    } else if (typeof value === 'object' && value !== null) {
      const entries = Object.entries(value);
      for (let index = entries.length - 1; index >= 0; index -= 1) {
        const [key, child] = entries[index];
        pending.push({ value: child, path: path === '' ? key : `${path}.${key}` });
      }
    }
  }
  return undefined;
}

/**
 * The settings that feed each kind of figure, most direct first. A figure not listed here is
 * fed by every setting that multiplies money or buyers.
 */
const FEEDING_SETTINGS: Readonly<Record<string, readonly string[]>> = {
  demand: ['market.inMarketPerMonth', 'market.growthPerYear', 'brand.demandLift'],
  conversion: ['economics.baseConversion', 'downstream.maxConversionLift', 'brand.conversionLift'],
  equity: ['brand.maxEquity', 'brand.halfLifeMonths', 'upstream.halfSaturation', 'upstream.shape', 'upstream.insightFeedback'],
  upstream: ['budget.perYear', 'history.upstreamPerMonth'],
  downstream: ['budget.perYear', 'history.downstreamPerMonth'],
  totalSpend: ['budget.perYear'],
};

/** Settings that multiply money or buyers: the usual suspects when revenue, NPV or ROI overflow. */
const MONEY_SETTINGS: readonly string[] = [
  'economics.valuePerSale', 'market.inMarketPerMonth', 'market.growthPerYear', 'brand.demandLift',
  'brand.conversionLift', 'economics.discountRatePerYear', 'budget.perYear', 'upstream.insightFeedback',
];

/**
 * The settings most likely responsible for a figure that is not finite: those that feed it,
 * largest value first (an overflow comes from a huge number), at most three, each with its value.
 * @param figurePath where the figure is, as `findNonFinite` gives it ("periods[3].revenue")
 * @example overflowSuspects(model, 'periods[0].revenue') // ['economics.valuePerSale (1e+308)', ...]
 */
export function overflowSuspects(model: Model, figurePath: string): string[] {
  const figure = /([A-Za-z]+)(\[\d+\])*$/.exec(figurePath)?.[1] ?? '';
  const candidates = FEEDING_SETTINGS[figure] ?? MONEY_SETTINGS;
  return candidates
    .filter((path) => NUMBER_FIELDS.some((field) => field.path === path))
    .map((path) => ({ path, value: largestValue(model, path) }))
    .filter((setting) => Number.isFinite(setting.value))
    .sort((a, b) => Math.abs(b.value) - Math.abs(a.value))
    .slice(0, 3)
    .map((setting) => `${setting.path} (${setting.value})`);
}

/**
 * A sentence refusing a result that holds a number that is not finite, naming where and the
 * settings most likely responsible; undefined when the result is finite everywhere.
 * @example nonFiniteResultMessage(model, simulate(model)) // "the results overflow: periods[0].revenue is Infinity; ..."
 */
export function nonFiniteResultMessage(model: Model, result: unknown): string | undefined {
  const found = findNonFinite(result);
  if (found === undefined) return undefined;
  const suspects = overflowSuspects(model, found.path);
  const blame = suspects.length === 0 ? '' : `; the settings most likely responsible: ${suspects.join(', ')}`;
  return `the results overflow: ${found.path} is ${found.value}${blame}. Lower the setting that is out of proportion (docs/model-limits.md)`;
}

/** A setting's value; for a per-year setting given as a list, its largest entry. */
function largestValue(model: Model, path: string): number {
  const [section, key] = path.split('.');
  const value = (model as unknown as Record<string, Record<string, unknown> | undefined>)[section]?.[key];
  if (typeof value === 'number') return value;
  if (Array.isArray(value)) return value.reduce((largest: number, item) => (Math.abs(item) > Math.abs(largest) ? item : largest), 0);
  return Number.NaN;
}
