import { type ChannelEditDetail, appEvent } from './app-events.ts';
import type { Draft } from './model-draft.ts';

export type { ChannelEditDetail };

/**
 * The channel panels' `channels-edit` event (declared in app-events.ts): the whole draft after an
 * edit that changes more than one field, one undo step named `step`; edits with the same `group`
 * a moment apart (a share typed key by key) merge into one step.
 */
export function channelEdit(draft: Draft, step: string, group?: string): CustomEvent<ChannelEditDetail> {
  return appEvent('channels-edit', group === undefined ? { draft, step } : { draft, step, group });
}
