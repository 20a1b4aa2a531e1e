/**
 * Reading a model file's optional `lesson` (its types, `Lesson` and `LessonChange`, are in
 * model.ts with the rest of the model): what a teaching preset shows, checked by
 * tests/engine/presets.test.ts against the engine.
 */
import type { Lesson, LessonChange } from './model.ts';
import { MAX_CHANNEL_NAME_LENGTH, channelFields, splitChannelPath } from './channel-fields.ts';
import { NUMBER_FIELDS } from './model-fields.ts';

export type { Lesson, LessonChange } from './model.ts';

/** The path of the horizon, which a lesson may change besides the number fields. */
export const HORIZON_PATH = 'horizonYears';
/** Each part is a few sentences at most: a lesson is read at a glance, on a phone too. */
export const MAX_LESSON_PART_LENGTH = 400;
/** A lesson tries one idea: a few settings at most. */
export const MAX_LESSON_CHANGES = 4;

const LESSON_KEYS = ['situation', 'tryThis', 'change', 'notice'] as const;
const CHANGE_KEYS = ['path', 'value'] as const;
const CHANGEABLE_PATHS: ReadonlySet<string> = new Set([HORIZON_PATH, ...NUMBER_FIELDS.map((field) => field.path)]);
/**
 * The settings a lesson may change on a channel, `upstream.channels.<name>.<key>` (spec §9.1):
 * a channel field of either side but its bounds (which only the optimiser reads). Whether the
 * model has that channel, on that side, is checked where the change is applied, since a lesson
 * is read before the channels are.
 */
const CHANNEL_KEYS: ReadonlySet<string> = new Set([...channelFields('upstream'), ...channelFields('downstream')]
  .map((field) => field.key).filter((key) => !key.startsWith('bounds.')));

/** Whether a lesson may change the setting at `path`. */
function isChangeablePath(path: string): boolean {
  if (CHANGEABLE_PATHS.has(path)) return true;
  const channelPath = splitChannelPath(path);
  return channelPath !== undefined && channelPath.channel.length >= 1 && channelPath.channel.length <= MAX_CHANNEL_NAME_LENGTH
    && CHANNEL_KEYS.has(channelPath.key);
}

type Report = (path: string, message: string) => void;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reports keys other than `known` (own keys only, so `__proto__` is reported, never followed). */
function reportUnknownKeys(value: Record<string, unknown>, path: string, known: readonly string[], report: Report): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) report(`${path}.${key.slice(0, 60)}`, `${path}.${key.slice(0, 60)} is not a known field (known: ${known.join(', ')})`);
  }
}

function readPart(lesson: Record<string, unknown>, key: 'situation' | 'tryThis' | 'notice', report: Report): string {
  const path = `lesson.${key}`;
  const value = Object.hasOwn(lesson, key) ? lesson[key] : undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    report(path, `${path} is required: text of 1 to ${MAX_LESSON_PART_LENGTH} characters`);
    return '';
  }
  if (value.length > MAX_LESSON_PART_LENGTH) {
    report(path, `${path} must be at most ${MAX_LESSON_PART_LENGTH} characters, got ${value.length}`);
    return '';
  }
  return value;
}

function readChange(value: unknown, path: string, report: Report): LessonChange | undefined {
  if (!isPlainObject(value)) {
    report(path, `${path} must be an object { "path": ..., "value": ... }`);
    return undefined;
  }
  reportUnknownKeys(value, path, CHANGE_KEYS, report);
  const fieldPath = Object.hasOwn(value, 'path') ? value.path : undefined;
  const number = Object.hasOwn(value, 'value') ? value.value : undefined;
  let ok = true;
  if (typeof fieldPath !== 'string' || !isChangeablePath(fieldPath)) {
    report(`${path}.path`, `${path}.path must be horizonYears or the path of a number setting (such as budget.upstreamShare), got ${typeof fieldPath === 'string' ? JSON.stringify(fieldPath.slice(0, 60)) : typeof fieldPath}`);
    ok = false;
  }
  if (typeof number !== 'number' || !Number.isFinite(number)) {
    report(`${path}.value`, `${path}.value must be a finite number`);
    ok = false;
  }
  return ok ? { path: fieldPath as string, value: number as number } : undefined;
}

/**
 * Reads `lesson` from a model file: an object with exactly `situation`, `tryThis`, `change` and
 * `notice`. Each text is 1 to 400 characters; `change` is 1 to 4 `{ path, value }` with `path`
 * `horizonYears` or a number setting's path and `value` a finite number (whether the changed model
 * is valid is the tests' business: tests/engine/presets.test.ts applies every preset's change).
 * Problems are reported, never thrown, like every other field of `parseModel`; the lesson is
 * built from known keys only.
 *
 * @returns the lesson, or undefined when it has a problem (reported)
 */
export function readLesson(value: unknown, report: Report): Lesson | undefined {
  if (!isPlainObject(value)) {
    report('lesson', 'lesson must be an object with situation, tryThis, change and notice');
    return undefined;
  }
  let problems = 0;
  const counting: Report = (path, message) => { problems += 1; report(path, message); };
  reportUnknownKeys(value, 'lesson', LESSON_KEYS, counting);
  const situation = readPart(value, 'situation', counting);
  const tryThis = readPart(value, 'tryThis', counting);
  const notice = readPart(value, 'notice', counting);
  const list = Object.hasOwn(value, 'change') ? value.change : undefined;
  const change: LessonChange[] = [];
  if (!Array.isArray(list) || list.length < 1 || list.length > MAX_LESSON_CHANGES) {
    counting('lesson.change', `lesson.change must be a list of 1 to ${MAX_LESSON_CHANGES} changes`);
  } else {
    list.forEach((item, index) => {
      const read = readChange(item, `lesson.change[${index}]`, counting);
      if (read !== undefined) change.push(read);
    });
  }
  return problems === 0 ? { situation, tryThis, change, notice } : undefined;
}
