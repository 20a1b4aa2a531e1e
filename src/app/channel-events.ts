import type { Draft } from './model-draft.ts';

/**
 * The channel panels' edit: the whole draft after an edit that changes more than one field (add,
 * rename, remove or move a channel, split a two-lever model, a share with the others rescaled).
 * The shell checks it like any edit and records it as one undo step named `step`; edits with the
 * same `group` a moment apart (a share typed key by key) merge into one step.
 */
export interface ChannelEditDetail {
  draft: Draft;
  step: string;
  group?: string;
}

export function channelEdit(draft: Draft, step: string, group?: string): CustomEvent<ChannelEditDetail> {
  const detail: ChannelEditDetail = group === undefined ? { draft, step } : { draft, step, group };
  return new CustomEvent('channels-edit', { detail, bubbles: true, composed: true });
}
