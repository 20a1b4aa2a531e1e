/**
 * The events controls send up to the app shell. Controls never change the model themselves:
 * they say what the person did, and the shell decides what the draft becomes.
 */
import { type FieldChangeDetail, appEvent } from './app-events.ts';

export type { FieldChangeDetail };

/** The `field-change` event for an edit of the field at `path` (its detail is declared in app-events.ts). */
export function fieldChange(path: string, value: unknown, step?: string): CustomEvent<FieldChangeDetail> {
  return appEvent('field-change', step === undefined ? { path, value } : { path, value, step });
}

/** Issues whose path is this field or inside it (`budget.perYear[2]` belongs to `budget.perYear`). */
export function messagesFor(issues: readonly { path: string; message: string }[], path: string): string[] {
  return issues
    .filter((issue) => issue.path === path || issue.path.startsWith(`${path}[`) || issue.path.startsWith(`${path}.`))
    .map((issue) => issue.message);
}
