/**
 * The words of the trade the app cannot avoid, each explained in a sentence or two of plain
 * language, declared once: the assumptions panel lists them ("Words used here") and an
 * `<info-tip term="…">` beside a word shows its entry. Brand equity is read the same way
 * everywhere: 0.37 means roughly 37 % of buyers think of the brand first (the key figures' help
 * says the same).
 */
export interface GlossaryEntry {
  /** The word as it appears on screen. */
  term: string;
  /** What it means, in plain words. */
  meaning: string;
  /** How the word shows up in running text (a preset's lesson), to offer its explanation there. */
  pattern: RegExp;
}

export const GLOSSARY = {
  equity: {
    term: 'Brand equity',
    meaning: 'How strong the brand is, on a 0–1 scale: 0.37 means roughly 37 % of buyers think of the brand first. It builds slowly with upstream spend and fades without it; the maximum brand equity is the most this market allows.',
    pattern: /\bequity\b/i,
  },
  adstock: {
    term: 'Ad memory (adstock)',
    meaning: 'How much of past ad and promotion spend is still working this period. It fades by half every half-life, so spend keeps selling for a little while after it stops.',
    pattern: /adstock/i,
  },
  curveShape: {
    term: 'Curve shape (Hill exponent)',
    meaning: 'How the response to spend bends as spend grows. At 1 or less every extra unit of money does a little less than the one before; above 1 the curve is S-shaped and spend below a threshold does little.',
    pattern: /\bHill\b|curve shape/i,
  },
  halfSaturation: {
    term: 'Half-saturation',
    meaning: 'The spend per month that gets half of the most a channel can do: above it, extra money buys less and less.',
    pattern: /half-saturation|saturation point/i,
  },
  lognormal: {
    term: 'Lognormal range',
    meaning: 'A range for a positive number that is as likely to be half its middle value as double it: it can run high, never below zero.',
    pattern: /lognormal/i,
  },
  p10: {
    term: 'P10, bad case',
    meaning: 'The result that 9 in 10 draws of the uncertain assumptions beat (the 10th percentile). P90 is the good case that only 1 in 10 beat; the median (P50) is the middle.',
    pattern: /\bP10\b|10th (and 90th )?percentile/i,
  },
  counterfactual: {
    term: 'No-spend run (counterfactual)',
    meaning: 'What the business would earn with no marketing spend at all over the horizon: past spend and the brand it built keep selling for a while. The plan’s value, ROI and payback are measured against it.',
    pattern: /counterfactual/i,
  },
  triangular: {
    term: 'Triangular range',
    meaning: 'A range given by its lowest, most likely and highest values: values near the most likely one come up most often.',
    pattern: /triangular/i,
  },
  commonRandomNumbers: {
    term: 'Same draws for all (common random numbers)',
    meaning: 'Every scenario is run on the same draws of the uncertain assumptions, so the differences between them come from the plans, not from the luck of the draw.',
    pattern: /common random numbers/i,
  },
  carryover: {
    term: 'Carryover',
    meaning: 'What the plan keeps earning after the horizon, from brand equity and ad memory that linger, counted over the carryover years and discounted to today.',
    pattern: /carryover/i,
  },
  npv: {
    term: 'NPV (net present value)',
    meaning: 'Profit over the years in today’s money: each period’s profit is discounted by the discount rate, since money later is worth less than money now.',
    pattern: /\bNPV\b|net present value/i,
  },
} as const satisfies Record<string, GlossaryEntry>;

export type GlossaryTerm = keyof typeof GLOSSARY;

/**
 * The glossary's words that a text uses, in the glossary's order: a preset's lesson offers their
 * explanations beside it.
 * @example termsIn('the brand settings are lognormal') // ['lognormal']
 */
export function termsIn(text: string): GlossaryTerm[] {
  return (Object.keys(GLOSSARY) as GlossaryTerm[]).filter((key) => GLOSSARY[key].pattern.test(text));
}
