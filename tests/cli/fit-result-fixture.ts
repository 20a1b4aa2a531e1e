import type { FitResult } from '../../src/engine/fit/fit-result.ts';
import { loadModel } from '../../src/cli/load-model.ts';

/**
 * A hand-made fit, for the output formats: three monthly periods of the channel preset (TV,
 * Search), the last held out, two drivers, three parameters (one with a default prior), one
 * warning. Each period's parts sum to its fitted value (base + channels + drivers + interaction).
 */
export function handMadeFit(): FitResult {
  const model = loadModel('models/consumer-channels.json', []);
  return {
    model,
    fit: {
      train: { r2: 0.91234, nrmse: 0.0412, mape: 0.0381 },
      holdout: { r2: 0.8741, nrmse: 0.0533, mape: 0.049, periods: 1 },
    },
    periods: [
      {
        date: '2025-01-01', actual: 1000, fitted: 980, lower: 900, upper: 1060, holdout: false, base: 700,
        channels: { TV: 120, Search: 150 }, drivers: { price: -10, promotion: 15 }, interaction: 5,
      },
      {
        date: '2025-02-01', actual: 1100, fitted: 1110.5, lower: 1020, upper: 1200, holdout: false, base: 720,
        channels: { TV: 200, Search: 160 }, drivers: { price: 0, promotion: 25.5 }, interaction: 5,
      },
      {
        date: '2025-03-01', actual: 1050, fitted: 1000, lower: 910, upper: 1090, holdout: true, base: 730,
        channels: { TV: 110, Search: 155 }, drivers: { price: -5, promotion: 0 }, interaction: 10,
      },
    ],
    drivers: [
      // Per unit, and per sd: (1 − 0.0823)^0.45 − 1 = −0.0380.
      { name: 'price', effect: -0.0823, lower: -0.1012, upper: -0.0634, perSd: { sd: 0.45, effect: -0.0380, lower: -0.0469, upper: -0.0291 } },
      { name: 'promotion=bundle', effect: 0.12, lower: 0.05, upper: 0.195 },
      { name: 'competitor sales', effect: 0.25, lower: 0.1, upper: 0.4, form: 'log' },
    ],
    parameters: [
      {
        path: 'upstream.channels.TV.halfSaturation',
        prior: { lower: 20000, median: 45000, upper: 101250, source: 'uncertainty' },
        start: 45000, value: 38123.4, lower: 30010, upper: 48250.7,
      },
      {
        path: 'brand.halfLifeMonths',
        prior: { lower: 4.5, median: 24, upper: 128, source: 'default' },
        start: 24, value: 20.31, lower: 14.1, upper: 29.04,
      },
      {
        path: 'noise.sigma',
        prior: null,
        start: 0.05, value: 0.04127, lower: 0.0355, upper: 0.0488,
      },
    ],
    warnings: [
      { code: 'brand-long-run', message: 'Three years pin the brand\'s long-run effect down only loosely: judge plans across the posterior (optimize --robust mean).' },
    ],
    ms: 1234.5678,
  };
}
