/**
 * The events controls send up to the app shell. Controls never change the model themselves:
 * they say what the person did, and the shell decides what the draft becomes.
 */

/** A field was edited: `value` is a number when the text reads as one, else the text itself. */
export interface FieldChangeDetail {
  path: string;
  value: unknown;
}

export function fieldChange(path: string, value: unknown): CustomEvent<FieldChangeDetail> {
  return new CustomEvent('field-change', { detail: { path, value }, bubbles: true, composed: true });
}

/** Issues whose path is this field or inside it (`budget.perYear[2]` belongs to `budget.perYear`). */
export function messagesFor(issues: readonly { path: string; message: string }[], path: string): string[] {
  return issues
    .filter((issue) => issue.path === path || issue.path.startsWith(`${path}[`) || issue.path.startsWith(`${path}.`))
    .map((issue) => issue.message);
}
