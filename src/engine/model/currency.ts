/**
 * The model's currency: an ISO 4217 code such as "EUR" (optional `currency` in a model file).
 * The model never converts money (spec §1); the code only tells displays which symbol to show.
 */

/** Three capital letters, as ISO 4217 writes every code. */
const ISO_CODE = /^[A-Z]{3}$/;

/**
 * Codes this JavaScript runtime knows (Intl.supportedValuesOf, every current ISO 4217 code in
 * Node 20 and current browsers); null where the runtime cannot list them, and then any
 * three-letter code is accepted.
 */
const KNOWN_CODES: ReadonlySet<string> | null = (() => {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  return typeof intl.supportedValuesOf === 'function' ? new Set(intl.supportedValuesOf('currency')) : null;
})();

/**
 * Why `value` is not a currency code, or undefined when it is one.
 * @example currencyProblem('eur') // 'must be an ISO 4217 code of three capital letters such as "EUR", got "eur"'
 */
export function currencyProblem(value: string): string | undefined {
  if (!ISO_CODE.test(value)) return `must be an ISO 4217 code of three capital letters such as "EUR", got ${JSON.stringify(value.slice(0, 20))}`;
  if (KNOWN_CODES !== null && !KNOWN_CODES.has(value)) return `must be a known ISO 4217 currency code, got "${value}"`;
  return undefined;
}

/**
 * The symbol a person expects beside an amount in this currency ("€", "£", "$", "CHF"), from
 * Intl's narrow symbol; the code itself where Intl has none. Undefined currency: no symbol.
 */
export function currencySymbol(currency: string | undefined): string {
  if (currency === undefined) return '';
  const part = new Intl.NumberFormat('en', { style: 'currency', currency, currencyDisplay: 'narrowSymbol' })
    .formatToParts(0).find((item) => item.type === 'currency');
  return part?.value ?? currency;
}
