// A page with the fit charts alone, drawn from the hand-made fit result (tests/fixtures), for
// tests/e2e/fit-charts.test.ts: the charts are tested and looked at before any view shows them.
import '../../src/charts/fit-decomposition.chart.ts';
import '../../src/charts/fit-over-time.chart.ts';
import '../../src/charts/fit-parameters.chart.ts';
import { createNumberFormats } from '../../src/engine/io/number-formats.ts';
import { FIXTURE_CHANNELS, fitResultFixture } from '../fixtures/fit-result-fixture.ts';

const result = fitResultFixture();
const formats = createNumberFormats({ currency: 'EUR', periodsPerYear: 52 });

const overTime = document.createElement('fit-over-time-chart');
overTime.periods = result.periods;
overTime.periodsPerYear = 52;
overTime.formats = formats;

const decomposition = document.createElement('fit-decomposition-chart');
decomposition.periods = result.periods;
decomposition.channels = FIXTURE_CHANNELS;
decomposition.periodsPerYear = 52;
decomposition.formats = formats;

const parameters = document.createElement('fit-parameters-chart');
parameters.parameters = result.parameters;
parameters.model = result.model;

document.body.append(overTime, decomposition, parameters);
(window as unknown as { fitChartsReady: boolean }).fitChartsReady = true;
