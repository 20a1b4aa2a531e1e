/** Reading and writing models and results as text: files, links and CSV. Pure: no Node, no DOM. */
export { formatPeriodsCsv } from './period-csv.ts';
export { periodLabel, yearLabel } from './period-label.ts';
export { MAX_MODEL_TEXT_LENGTH, readModelText, type ModelReadResult } from './model-text.ts';
export { hasScenario, readScenarioLink, scenarioHash } from './scenario-link.ts';
