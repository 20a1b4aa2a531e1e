import { channelFields } from '../engine/model/channel-fields.ts';
import { type Model, isChannelModel } from '../engine/model/model.ts';
import { channelFieldDisplay } from './channel-field-display.ts';
import { amountText } from './parse-amount.ts';

/** One line of the printed report: a term and what it says. */
export interface PrintedRow {
  term: string;
  detail: string;
}

/**
 * The printed report's lines for a model's channels: one line per channel with every setting it
 * has, in the box's units ("Share of side budget 55 % · Past spend 27,500 a month · …"), upstream
 * channels first. Empty for a two-lever model, whose settings the report lists field by field.
 */
export function printedChannelRows(model: Model): PrintedRow[] {
  if (!isChannelModel(model)) return [];
  const rows: PrintedRow[] = [];
  for (const side of ['upstream', 'downstream'] as const) {
    for (const [name, channel] of Object.entries(model[side].channels)) {
      const settings = channel as unknown as Record<string, unknown>;
      const parts: string[] = [];
      for (const field of channelFields(side)) {
        const [outer, inner] = field.key.split('.');
        const holder = inner === undefined ? settings : settings[outer] as Record<string, unknown> | undefined;
        const value = holder?.[inner ?? outer];
        if (value === undefined) continue;
        const display = channelFieldDisplay(field);
        const shown = (number: unknown) => (typeof number === 'number' ? `${amountText(number, display.kind, display.grouping)}${display.unitAfterNumber}` : String(number));
        parts.push(`${field.label} ${Array.isArray(value) ? value.map(shown).join(', ') : shown(value)}`);
      }
      if (side === 'upstream' && settings.shortTerm === undefined) parts.push('no short-term effect');
      rows.push({ term: `${name} (${side})`, detail: parts.join(' · ') });
    }
  }
  return rows;
}
