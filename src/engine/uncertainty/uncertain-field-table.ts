import { type Model, isChannelModel } from '../model/model.ts';
import { ALL_NUMBER_FIELDS, NUMBER_FIELDS, type NumberField } from '../model/model-fields.ts';
import { modelChannels } from '../model/model-channels.ts';

/**
 * The numeric settings of one model that `uncertainty` may name, as field-table entries with
 * this model's paths: in a two-lever model, `ALL_NUMBER_FIELDS` as they are; in the channel form
 * (spec §9.1), the model-wide fields (market, brand, upstream.insightFeedback, economics) and then
 * each channel's settings, upstream channels first, each side in file order, with paths such as
 * `upstream.channels.TV.halfSaturation` and labels such as "TV: half-saturation" (the tornado's).
 * A channel's rule, unit and help are those of the two-lever field it generalises.
 *
 * The order is the drawing order (`uncertainFields`): a two-lever model keeps the order it
 * always had, so its draws are the same numbers as before channels.
 */
export function uncertainFieldTable(model: Model): NumberField[] {
  if (!isChannelModel(model)) return [...ALL_NUMBER_FIELDS];
  const fields = NUMBER_FIELDS.filter((field) => CHANNEL_FORM_MODEL_FIELDS.some((prefix) => field.path === prefix || field.path.startsWith(`${prefix}.`)));
  const channels = modelChannels(model);
  for (const channel of channels.upstream) {
    for (const setting of UPSTREAM_CHANNEL_SETTINGS) {
      if (setting.key.startsWith('shortTerm.') && channel.shortTerm === undefined) continue;
      fields.push(channelField('upstream', channel.name, setting));
    }
  }
  for (const channel of channels.downstream) {
    for (const setting of DOWNSTREAM_CHANNEL_SETTINGS) fields.push(channelField('downstream', channel.name, setting));
  }
  return fields;
}

/** The field-table entry for `path` in this model, or undefined when the model has no such setting. */
export function uncertainFieldFor(model: Model, path: string): NumberField | undefined {
  return uncertainFieldTable(model).find((field) => field.path === path);
}

/** Model-wide fields that a channel-form model has (its sides' other settings live in its channels). */
const CHANNEL_FORM_MODEL_FIELDS = ['budget', 'market', 'brand', 'upstream.insightFeedback', 'economics'];

/** One setting of a channel: its key under the channel, its label after the channel's name, and the two-lever field it generalises. */
interface ChannelSetting {
  key: string;
  label: string;
  /** The two-lever field whose rule, unit and help it takes. */
  like: string;
  /** Its own help, where the two-lever field's would mislead. */
  help?: string;
  fixedReason?: string;
}

const SHARE_IS_THE_PLAN = 'the split between channels is the plan, a decision rather than an assumption';
const LAG_WINDOW_REASON = 'it sets the length of the lag window; give a wide window and a range for the channel\'s lagMonths and lagConcentration instead';

const UPSTREAM_CHANNEL_SETTINGS: readonly ChannelSetting[] = [
  { key: 'share', label: 'share of upstream budget', like: 'budget.upstreamShare', help: 'The channel\'s share of the upstream budget.', fixedReason: SHARE_IS_THE_PLAN },
  { key: 'historyPerMonth', label: 'past spend', like: 'history.upstreamPerMonth' },
  { key: 'lagMonths', label: 'lag to peak', like: 'upstream.lagMonths' },
  { key: 'lagConcentration', label: 'lag concentration', like: 'upstream.lagConcentration' },
  { key: 'lagWindowMonths', label: 'lag window', like: 'upstream.lagWindowMonths', fixedReason: LAG_WINDOW_REASON },
  { key: 'halfSaturation', label: 'half-saturation', like: 'upstream.halfSaturation' },
  { key: 'shape', label: 'curve shape', like: 'upstream.shape' },
  {
    key: 'maxEquityShare', label: 'share of maximum equity', like: 'budget.upstreamShare',
    help: 'The share of the maximum brand equity that this channel alone can build when saturated.',
    fixedReason: 'the upstream channels\' shares of maximum equity must sum to 1; give a range to brand.maxEquity or to the channel\'s half-saturation instead',
  },
  { key: 'shortTerm.halfLifeMonths', label: 'short-term half-life', like: 'upstream.shortTerm.halfLifeMonths' },
  { key: 'shortTerm.halfSaturation', label: 'short-term half-saturation', like: 'upstream.shortTerm.halfSaturation' },
  { key: 'shortTerm.shape', label: 'short-term curve shape', like: 'upstream.shortTerm.shape' },
  { key: 'shortTerm.maxConversionLift', label: 'short-term conversion lift', like: 'upstream.shortTerm.maxConversionLift' },
];

const DOWNSTREAM_CHANNEL_SETTINGS: readonly ChannelSetting[] = [
  { key: 'share', label: 'share of downstream budget', like: 'budget.upstreamShare', help: 'The channel\'s share of the downstream budget.', fixedReason: SHARE_IS_THE_PLAN },
  { key: 'historyPerMonth', label: 'past spend', like: 'history.downstreamPerMonth' },
  { key: 'halfLifeMonths', label: 'half-life', like: 'downstream.halfLifeMonths' },
  { key: 'halfSaturation', label: 'half-saturation', like: 'downstream.halfSaturation' },
  { key: 'shape', label: 'curve shape', like: 'downstream.shape' },
  { key: 'maxConversionLift', label: 'maximum conversion lift', like: 'downstream.maxConversionLift' },
];

function channelField(side: 'upstream' | 'downstream', name: string, setting: ChannelSetting): NumberField {
  const like = ALL_NUMBER_FIELDS.find((field) => field.path === setting.like)!;
  const field: NumberField = {
    path: `${side}.channels.${name}.${setting.key}`,
    group: side === 'upstream' ? 'Upstream' : 'Downstream',
    label: `${name}: ${setting.label}`,
    unit: like.unit,
    help: setting.help ?? like.help,
    rule: like.rule,
  };
  const fixedReason = setting.fixedReason ?? like.fixedReason;
  if (fixedReason !== undefined) field.fixedReason = fixedReason;
  return field;
}
