/**
 * What a person typed in a number box, read as a number the way they meant it, or refused with
 * a reason in words. Pure: no DOM, no locale of the browser (the app shows numbers in en-US
 * style: a point for decimals, commas or spaces between thousands).
 *
 * How a box reads its text depends on what it holds (`AmountKind`):
 *
 * | kind       | "50"   | "50%"  | "2.5k" / "2m" / "1.2bn" | "€2,000,000" |
 * |------------|--------|--------|-------------------------|--------------|
 * | `money`    | 50     | refused| 2,500 / 2e6 / 1.2e9     | 2,000,000    |
 * | `count`    | 50     | refused| 2,500 / 2e6 / 1.2e9     | refused      |
 * | `percent`  | 0.5    | 0.5    | refused                 | refused      |
 * | `fraction` | 50     | 0.5    | refused                 | refused      |
 * | `number`   | 50     | refused| refused                 | refused      |
 *
 * A `percent` box shows percent ("50 %"), so a bare 50 means 50 % there; a `fraction` box shows
 * the model's own 0–1 number (brand equity), so a bare 0.5 means 0.5 and "50%" is also 0.5.
 *
 * Thousands separators count only in groups of three ("2,000,000", "2 000 000", with ordinary,
 * no-break, narrow no-break, thin or figure spaces, or "_"), one kind per number. A comma that
 * cannot be a thousands separator ("2,5", "0,50", "1,2,3") is refused as ambiguous rather than
 * guessed, since half the world writes decimals with a comma.
 *
 * @example parseAmount('€2,000,000', 'money') // { ok: true, value: 2000000 }
 * @example parseAmount('150%', 'percent') // { ok: true, value: 1.5 }
 * @example parseAmount('2,5', 'money') // { ok: false, reason: '“2,5” is ambiguous: write 2.5 with a point for decimals, or 2,500 for thousands' }
 */

export type AmountKind = 'money' | 'count' | 'percent' | 'fraction' | 'number';

export type ParsedAmount = { ok: true; value: number } | { ok: false; reason: string; empty?: boolean };

/** Currency symbols a person may type before or after an amount of money. */
const CURRENCY_SYMBOL = /^(?:US\$|[A-Z]{1,2}\$|[€$£¥₹₩₽₺₪₫₴₦₱฿])/;
const CURRENCY_SYMBOL_AT_END = /(?:[€$£¥₹₩₽₺₪₫₴₦₱฿])$/;
const CODE = /^([A-Z]{3})\b|\b([A-Z]{3})$/;

/** ISO 4217 codes this runtime knows (any three capitals where it cannot list them). */
const KNOWN_CODES: ReadonlySet<string> | null = (() => {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  return typeof intl.supportedValuesOf === 'function' ? new Set(intl.supportedValuesOf('currency')) : null;
})();

/** Multipliers written after a number. */
const SCALE_WORDS: readonly [RegExp, number, string][] = [
  [/(?:thousand|k)$/i, 1e3, 'k'],
  [/(?:million|mio|mln|mn|m)$/i, 1e6, 'm'],
  [/(?:billion|bn|b)$/i, 1e9, 'bn'],
  [/(?:trillion|tn)$/i, 1e12, 'tn'],
];

/** Spaces people (and Intl, in many locales) put between thousands. */
const SPACES = /[\s\u00A0\u2007\u2009\u202F]+/g;
const PLAIN_NUMBER = /^(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
const GROUPED_NUMBER = /^\d{1,3}(?:([,_ ])\d{3})(?:\1\d{3})*(\.\d*)?$/;

export function parseAmount(text: string, kind: AmountKind): ParsedAmount {
  const shown = text.trim();
  if (shown === '') return { ok: false, reason: 'the box is empty', empty: true };
  const refuse = (reason: string): ParsedAmount => ({ ok: false, reason });
  const quoted = `“${shown.length > 24 ? `${shown.slice(0, 23)}…` : shown}”`;

  // One kind of space, so "2 000 000" with no-break spaces reads like the one with plain ones;
  // a typographic minus (as Intl and d3 write it) reads as a minus.
  let rest = shown.replace(SPACES, ' ').replace(/[\u2212\u2012\u2013]/g, '-');
  let signs = 0;
  let negative = false;
  const takeSigns = () => {
    while (rest.startsWith('-') || rest.startsWith('+')) {
      signs += 1;
      negative = rest.startsWith('-');
      rest = rest.slice(1).trim();
    }
  };
  let currencies = 0;
  const takeCurrency = () => {
    const symbol = rest.match(CURRENCY_SYMBOL) ?? rest.match(CURRENCY_SYMBOL_AT_END);
    if (symbol !== null) {
      currencies += 1;
      rest = (symbol.index === 0 ? rest.slice(symbol[0].length) : rest.slice(0, symbol.index)).trim();
      return;
    }
    const code = rest.match(CODE);
    const letters = code?.[1] ?? code?.[2];
    if (code !== null && letters !== undefined && (KNOWN_CODES === null || KNOWN_CODES.has(letters))) {
      currencies += 1;
      rest = (code.index === 0 ? rest.slice(3) : rest.slice(0, code.index)).trim();
    }
  };
  takeSigns();
  takeCurrency();
  takeSigns();
  takeCurrency();
  if (signs > 1) return refuse(`${quoted} has more than one sign`);
  if (currencies > 1) return refuse(`${quoted} names a currency twice`);

  let percent = false;
  if (rest.endsWith('%')) {
    percent = true;
    rest = rest.slice(0, -1).trim();
  }

  let multiplier = 1;
  let scaleWord = '';
  if (!percent) {
    for (const [pattern, factor, word] of SCALE_WORDS) {
      const match = rest.match(pattern);
      const before = match === null ? '' : rest.slice(0, match.index).trim();
      // Only straight after a number: "abc" is junk, not "ab" thousand.
      if (match !== null && /[\d.]$/.test(before)) {
        multiplier = factor;
        scaleWord = word;
        rest = before;
        break;
      }
    }
  }

  const digits = readDigits(rest);
  if (digits === 'ambiguous') return refuse(`${quoted} is ambiguous: write ${ambiguousHint(rest)}`);
  if (digits === undefined) return refuse(`${quoted} is not a number`);

  if (currencies > 0 && kind !== 'money') return refuse(`${quoted} is an amount of money; this box takes ${KIND_WORDS[kind]}`);
  if (percent && kind !== 'percent' && kind !== 'fraction') return refuse(`${quoted} is a percentage; this box takes ${KIND_WORDS[kind]}`);
  if (scaleWord !== '' && kind !== 'money' && kind !== 'count') {
    return refuse(`${quoted}: “${scaleWord}” (× ${multiplier.toLocaleString('en-US')}) does not apply to ${KIND_WORDS[kind]}`);
  }

  const magnitude = percent || kind === 'percent' ? digits / 100 : digits * multiplier;
  if (!Number.isFinite(magnitude)) return refuse(`${quoted} is too large to be a number`);
  // −0 reads as 0 everywhere it is shown.
  return { ok: true, value: negative && magnitude !== 0 ? -magnitude : magnitude };
}

const KIND_WORDS: Record<AmountKind, string> = {
  money: 'an amount of money',
  count: 'a number of people',
  percent: 'a percentage',
  fraction: 'a number from 0 to 1',
  number: 'a plain number',
};

/** The digits of an unsigned number: plain, or grouped in threes; 'ambiguous' for a comma that may be a decimal comma. */
function readDigits(text: string): number | 'ambiguous' | undefined {
  if (PLAIN_NUMBER.test(text)) return Number(text);
  if (GROUPED_NUMBER.test(text)) return Number(text.replace(/[,_ ]/g, ''));
  // A comma between digits that is not a thousands separator: "2,5", "0,50", "1,2,3", "2.000,50".
  if (/^[\d.,\s_]+$/.test(text) && /\d,\d/.test(text)) return 'ambiguous';
  return undefined;
}

/** "2.5 for two and a half, or 2,500" for "2,5". */
function ambiguousHint(text: string): string {
  const match = text.match(/^(\d+),(\d{1,2})$/);
  if (match !== null) {
    const decimal = `${match[1]}.${match[2]}`;
    const thousands = `${match[1]},${match[2].padEnd(3, '0')}`;
    return `${decimal} with a point for decimals, or ${thousands} for thousands`;
  }
  return 'a point for decimals and commas only between groups of three digits (2,000,000.50)';
}

const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 10 });
const UNGROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 10, useGrouping: false });

/**
 * The text a box shows for a model value: in percent for a `percent` box (0.5 → "50"), with
 * thousands separators when `grouping` ("1,200,000"), rounded to 10 decimals (so 0.1 + 0.2
 * shows as 0.3), with an exponent only from 1e21 on ("1e308"). `parseAmount` reads it back to the same value
 * (tests/app/parse-amount.test.ts). Intl rounds the double's exact decimal value, so an amount
 * such as 462,057,522.85 shows as typed (scaling by 1e10 and back would change its last bit).
 */
export function amountText(value: number, kind: AmountKind, grouping: boolean): string {
  const shown = kind === 'percent' ? value * 100 : value;
  // Beyond 1e21 digits say nothing more (and 1e308 would be 309 of them): as JavaScript writes it, "1e308".
  if (Math.abs(shown) >= 1e21) return shown.toExponential().replace('e+', 'e');
  return (grouping ? GROUPED : UNGROUPED).format(shown).replace('\u2212', '-').replace(/^-0$/, '0');
}
