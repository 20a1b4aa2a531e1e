import { type ChannelField, channelFields, splitChannelPath } from '../engine/model/channel-fields.ts';
import type { ModelIssue } from '../engine/model/parse-model.ts';
import type { Side } from '../engine/model/model.ts';
import { type FieldDisplay, fieldDisplay } from './field-display.ts';
import { ruleWords } from './field-messages.ts';
import { amountText, parseAmount } from './parse-amount.ts';

/**
 * How each channel setting is shown (its box's kind, unit and help), borrowed from the two-lever
 * field it means (`upstream.lagMonths` for an upstream channel's lagMonths, `history…` for its
 * past spend, a share's percent box for shares), with the channel field table's own label and,
 * where the table words it for a channel, its help.
 */
const TWO_LEVER_DISPLAY: Readonly<Record<string, string>> = {
  share: 'budget.upstreamShare',
  maxEquityShare: 'budget.upstreamShare',
  historyPerMonth: 'history.upstreamPerMonth',
  'bounds.minPerYear': 'budget.perYear',
  'bounds.maxPerYear': 'budget.perYear',
};

export function channelFieldDisplay(field: ChannelField): FieldDisplay {
  const borrowed = TWO_LEVER_DISPLAY[field.key] ?? `${field.key.startsWith('shortTerm.') ? 'upstream' : field.side}.${field.key}`;
  const display = fieldDisplay(borrowed)!;
  // The app's plain words for the two-lever field (percent boxes explained in percent, not in the
  // file's fractions), unless the channel table words the field for a channel in its own way;
  // "brand spend" is then this channel's.
  const sameMeaning = field.help.replace(/this channel’s spend/g, 'brand spend') === display.field.help;
  const help = sameMeaning
    ? display.help.replace(/Brand spend/g, 'This channel’s spend').replace(/brand spend/g, 'this channel’s spend')
    : field.help;
  return { ...display, label: field.label, help, field: { ...display.field, label: field.label, rule: field.rule } };
}

/** The channel field at a path such as `upstream.channels.TV.halfSaturation`, with its channel's name. */
export function channelFieldAt(path: string): { side: Side; channel: string; field: ChannelField } | undefined {
  const parts = splitChannelPath(path.replace(/\[\d+\]$/, ''));
  if (parts === undefined) return undefined;
  const field = channelFields(parts.side).find((candidate) => candidate.key === parts.key);
  return field === undefined ? undefined : { side: parts.side, channel: parts.channel, field };
}

/**
 * A channel problem in the screen's words, by the field: "Search: share of side budget must be
 * between 0 and 100 %, got 120 %". Built from the channel field table's rule and the value in the
 * channel (as typed); a problem that is not about the value alone (shares that do not sum to 100 %)
 * keeps the engine's sentence, with the path in it named as "Search: share of side budget".
 *
 * @param value the value at the issue's path, as the draft holds it
 */
export function channelMessage(issue: ModelIssue, value: unknown): string {
  const found = channelFieldAt(issue.path);
  return found === undefined ? issue.message : channelMessageFor(issue, value, found.side, found.channel);
}

/**
 * `channelMessage` for a problem of a known channel: the channel's name is taken as given, not
 * read from the path, so a name the engine refuses (one with a ".") still gets its fields' messages
 * in words.
 */
export function channelMessageFor(issue: ModelIssue, value: unknown, side: Side, channel: string): string {
  const prefix = `${side}.channels.${channel}.`;
  if (!issue.path.startsWith(prefix)) return issue.message;
  const yearMatch = issue.path.match(/\[(\d+)\]$/);
  const key = issue.path.slice(prefix.length).replace(/\[\d+\]$/, '');
  const field = channelFields(side).find((candidate) => candidate.key === key);
  if (field === undefined) return issue.message;
  const display = channelFieldDisplay(field);
  const name = `${channel}: ${field.label.toLowerCase()}${yearMatch === null ? '' : ` in year ${Number(yearMatch[1]) + 1}`}`;
  let number: number | undefined;
  if (typeof value === 'number') number = value;
  else if (typeof value === 'string') {
    const parsed = parseAmount(value, display.kind);
    if (!parsed.ok) return `${capitalised(name)}: ${parsed.empty ? 'empty' : parsed.reason}`;
    number = parsed.value;
  }
  if (number !== undefined && Number.isFinite(number) && !within(number, field)) {
    const shownValue = `${amountText(number, display.kind, display.grouping)}${display.unitAfterNumber}`;
    return `${capitalised(name)} must be ${ruleWords(field.rule, number, display)}, got ${shownValue}`;
  }
  return issue.message.split(issue.path.replace(/\[\d+\]$/, '')).join(name);
}

function within(value: number, field: ChannelField): boolean {
  const { min, max, minExclusive, maxExclusive } = field.rule;
  if (min !== undefined && (minExclusive ? value <= min : value < min)) return false;
  if (max !== undefined && (maxExclusive ? value >= max : value > max)) return false;
  return true;
}

function capitalised(text: string): string {
  return `${text[0]?.toUpperCase() ?? ''}${text.slice(1)}`;
}

/** Problems of one side's channels, split by where they show: by a channel, or for the side as a whole. */
export function sideIssues(issues: readonly ModelIssue[], side: Side): { forChannel(name: string): ModelIssue[]; forSide: ModelIssue[] } {
  const prefix = `${side}.channels`;
  const mine = issues.filter((issue) => issue.path === prefix || issue.path.startsWith(`${prefix}.`) || issue.path.startsWith(`${prefix}[`));
  return {
    forChannel: (name) => mine.filter((issue) => issue.path === `${prefix}.${name}` || issue.path.startsWith(`${prefix}.${name}.`) || issue.path.startsWith(`${prefix}.${name}[`)),
    forSide: mine.filter((issue) => issue.path === prefix),
  };
}
