import type { Model } from '../model/model.ts';
import { uncertainFieldTable } from '../uncertainty/uncertain-field-table.ts';

/** How an estimated quantity of a fit is named to a person: its label and its unit. */
export interface FitParameterLabel {
  /** "TV: half-saturation", "Brand half-life", "Seasonality: cosine 1", "Driver: price". */
  label: string;
  /** "money per month", "months", …; '' where the quantity has no unit of its own. */
  unit: string;
}

const WAVES: Readonly<Record<string, string>> = { cos: 'cosine', sin: 'sine' };

/**
 * The words for a fitted quantity's path (`FitParameter.path`), from the same table the tornado
 * and the assumptions read (`uncertainFieldTable`), so a channel's setting reads
 * "TV: half-saturation" as it does on the tornado. The fit's own quantities, which are not model
 * settings, get words here:
 * - "seasonality.cos1", "seasonality.sin2": the yearly waves of the seasonality, on the log scale;
 * - "noise.sigma": the spread of log revenue around the fit;
 * - a driver's effect ("price", "promotion=bundle"): per unit of a numeric driver (of its log in the power-law form), or of one
 *   value of a text driver against its most common value.
 * Any other path is returned as it is, with no unit: a name the table lacks still shows.
 * @example fitParameterLabel(channelModel, 'upstream.channels.TV.halfSaturation') // { label: 'TV: half-saturation', unit: 'money per month' }
 * @example fitParameterLabel(model, 'seasonality.sin2') // { label: 'Seasonality: sine 2', unit: 'log-scale effect' }
 */
export function fitParameterLabel(model: Model | undefined, path: string): FitParameterLabel {
  const field = model === undefined ? undefined : uncertainFieldTable(model).find((candidate) => candidate.path === path);
  if (field !== undefined) return { label: field.label, unit: field.unit };
  const wave = /^seasonality\.(cos|sin)(\d+)$/.exec(path);
  if (wave !== null) return { label: `Seasonality: ${WAVES[wave[1]]} ${wave[2]}`, unit: 'log-scale effect' };
  if (path === 'noise.sigma') return { label: 'Noise around the fit (σ)', unit: 'log-scale spread' };
  const level = /^([^=]+)=(.*)$/.exec(path);
  if (level !== null) return { label: `Driver: ${level[1]} = ${level[2]}`, unit: 'log-scale effect against the usual value' };
  if (!path.includes('.')) return { label: `Driver: ${path}`, unit: 'log-scale effect per unit (of its log, for a power-law driver)' };
  return { label: path, unit: '' };
}
