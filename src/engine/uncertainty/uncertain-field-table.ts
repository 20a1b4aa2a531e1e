import { type Model, isChannelModel } from '../model/model.ts';
import { ALL_NUMBER_FIELDS, NUMBER_FIELDS, type NumberField } from '../model/model-fields.ts';
import { channelSettingAt, channelSettingPaths } from '../model/channel-fields.ts';

/**
 * The numeric settings of one model that `uncertainty` may name, as field-table entries with
 * this model's paths: in a two-lever model, `ALL_NUMBER_FIELDS` as they are; in the channel form
 * (spec §9.1), the model-wide fields (budget, market, brand, upstream.insightFeedback, economics)
 * and then every setting of each channel from the channel field table (`channelSettingPaths`:
 * upstream channels first, each side in file order, a channel's short-term fields only where it
 * has a short-term effect), with paths such as `upstream.channels.TV.halfSaturation` and labels
 * that lead with the channel's name, "TV: half-saturation" (the tornado's rows).
 *
 * The order is the drawing order (`uncertainFields`): a two-lever model keeps the order it
 * always had, so its draws are the same numbers as before channels.
 */
export function uncertainFieldTable(model: Model): NumberField[] {
  if (!isChannelModel(model)) return [...ALL_NUMBER_FIELDS];
  const fields = NUMBER_FIELDS.filter((field) => /^(budget|market|brand|economics)\./.test(field.path) || field.path === 'upstream.insightFeedback');
  for (const path of channelSettingPaths(model)) {
    const setting = channelSettingAt(model, path)!;
    const label = setting.field.label;
    fields.push({ ...setting.field, label: `${setting.channel}: ${label.charAt(0).toLowerCase()}${label.slice(1)}` });
  }
  return fields;
}
