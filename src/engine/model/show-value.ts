/** How many characters of a value a message shows before "...". */
export const SHOWN_VALUE_LENGTH = 40;

/**
 * A short, safe rendering of an offending value for a message: its JSON, cut to 40 characters,
 * with "(text)" or "(a list)" after text and lists so that `"12" (text)` is not read as 12.
 *
 * Written without recursion and stopping at the first 40 characters, so that a value of any
 * depth or size (a list nested 10,000 deep, an object with 400,000 keys, a megabyte of text)
 * costs a few steps and cannot overflow the stack, as `JSON.stringify` and `String` do on deep
 * lists.
 *
 * @example showValue([1, 2]) // "[1,2] (a list)"
 * @example showValue('12') // '"12" (text)'
 */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  const text = previewJson(value, SHOWN_VALUE_LENGTH);
  if (typeof value === 'string') return `${text} (text)`;
  if (Array.isArray(value)) return `${text} (a list)`;
  return text;
}

/** One open list or object while writing a preview: its keys (objects) and the next entry. */
interface OpenContainer {
  container: unknown[] | Record<string, unknown>;
  /** The object's own keys; null for a list. */
  keys: string[] | null;
  next: number;
}

/**
 * The start of a value's JSON (at most `limit` characters, ending "..." when cut), built
 * iteratively: an explicit stack of open containers instead of recursion, and no more work
 * than the characters written. Non-JSON values are written as JSON would write them in a list
 * (undefined and functions as null), BigInts with an "n".
 * @example previewJson({ a: [1, 2, 3] }, 10) // '{"a":[1...'
 */
export function previewJson(value: unknown, limit: number): string {
  let text = '';
  const open: OpenContainer[] = [];
  let pending: { value: unknown } | undefined = { value };
  while (text.length <= limit) {
    if (pending !== undefined) {
      const current = pending.value;
      pending = undefined;
      if (Array.isArray(current)) {
        text += '[';
        open.push({ container: current, keys: null, next: 0 });
      } else if (typeof current === 'object' && current !== null) {
        text += '{';
        open.push({ container: current as Record<string, unknown>, keys: Object.keys(current), next: 0 });
      } else {
        text += scalarJson(current, limit - text.length);
      }
      continue;
    }
    const top = open[open.length - 1];
    if (top === undefined) break;
    const length = top.keys === null ? (top.container as unknown[]).length : top.keys.length;
    if (top.next >= length) {
      text += top.keys === null ? ']' : '}';
      open.pop();
      continue;
    }
    if (top.next > 0) text += ',';
    if (top.keys === null) {
      pending = { value: (top.container as unknown[])[top.next] };
    } else {
      const key = top.keys[top.next];
      text += `${scalarJson(key, limit - text.length)}:`;
      pending = { value: (top.container as Record<string, unknown>)[key] };
    }
    top.next += 1;
  }
  return text.length > limit ? `${text.slice(0, limit - 3)}...` : text;
}

/** JSON of a value that is not a list or object; text longer than `room` is cut first. */
function scalarJson(value: unknown, room: number): string {
  if (typeof value === 'string') return JSON.stringify(value.length > room + 2 ? value.slice(0, Math.max(0, room + 2)) : value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  return 'null';
}
