/**
 * Colours from the Okabe–Ito palette, which people with any common colour-vision deficiency can
 * tell apart. Each series also differs in lightness (and, where two are close, in pattern or
 * dash), so a chart still reads when printed in grayscale.
 */
export const COLOURS = {
  upstream: '#0072B2', // blue, dark in grayscale
  downstream: '#E69F00', // orange, light in grayscale
  equity: '#000000',
  base: '#C8C8C8',
  synergy: '#009E73', // green; hatched so it never reads as upstream in grayscale
  profit: '#0072B2',
  loss: '#D55E00',
  current: '#D55E00',
  grid: '#E3E3E3',
  axis: '#555555',
} as const;

/** One line per horizon, 1 to 5 years: light to dark, so the order shows without colour too. */
export const HORIZON_COLOURS = ['#9ECAE1', '#56B4E9', '#3182BD', '#0072B2', '#08306B'] as const;
/** Dash patterns per horizon, for grayscale print. */
export const HORIZON_DASHES = ['2 3', '6 3', '8 3 2 3', '12 3', ''] as const;

/** Up to four compared scenarios: Okabe–Ito hues, each with its own dash for grayscale. */
export const SCENARIO_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7'] as const;
export const SCENARIO_DASHES = ['', '7 3', '2 3', '10 3 2 3'] as const;

/**
 * The fit charts (fit-*.chart.ts): actuals black, the fitted line and its band in the fan
 * chart's blues, held-out periods on a grey ground; each setting's prior light grey and its
 * posterior dark blue, the start value in the "current" vermilion. Drivers take the Okabe–Ito
 * reddish purple, which no side's channel uses; the interaction is the synergy green, hatched.
 */
export const FIT_COLOURS = {
  actual: '#000000',
  fitted: '#0072B2',
  band: '#C6DBEF',
  heldOut: '#EDEDED',
  heldOutText: '#555555',
  residual: '#333333',
  outsideBand: '#D55E00',
  drivers: '#CC79A7',
  interaction: '#009E73',
  prior: '#D4D4D4',
  priorMedian: '#6F6F6F',
  posterior: '#08306B',
  value: '#56B4E9',
  start: '#D55E00',
  track: '#BDBDBD',
  ink: '#222222',
  paper: '#FFFFFF',
} as const;
