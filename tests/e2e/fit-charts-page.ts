// A page with the fit charts alone, drawn from the hand-made fit result (tests/fixtures), for
// tests/e2e/fit-charts.test.ts: the charts are tested and looked at before any view shows them.
import consumerJson from '../../models/consumer-channels.json' with { type: 'json' };
import '../../src/charts/fit-decomposition.chart.ts';
import '../../src/charts/fit-over-time.chart.ts';
import '../../src/charts/fit-parameters.chart.ts';
import '../../src/charts/response-curves.chart.ts';
import { channelResponseCurves } from '../../src/engine/channel-response-curve.ts';
import { responseCurveBands } from '../../src/engine/fit/response-curve-bands.ts';
import { createNumberFormats } from '../../src/engine/io/number-formats.ts';
import { parseModel } from '../../src/engine/model/parse-model.ts';
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

// Monthly, 17 points a curve and 60 draws: enough for a band to draw, quick in a test.
const monthly = parseModel(consumerJson);
const curves = channelResponseCurves(monthly, { samples: 17 });
const responses = document.createElement('response-curves-chart');
responses.curves = curves;
responses.bands = responseCurveBands(monthly, curves, { draws: 60 });
responses.formats = createNumberFormats({ currency: 'EUR' });

document.body.append(overTime, decomposition, parameters, responses);
(window as unknown as { fitChartsReady: boolean }).fitChartsReady = true;
