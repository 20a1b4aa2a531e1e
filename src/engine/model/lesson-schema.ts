import { HORIZON_PATH, MAX_LESSON_CHANGES, MAX_LESSON_PART_LENGTH } from './lesson.ts';
import { NUMBER_FIELDS } from './model-fields.ts';
import { DOWNSTREAM_CHANNEL_FIELDS, UPSTREAM_CHANNEL_FIELDS } from './channel-fields.ts';

/** `<side>.channels.<name>.<setting>`: the channel settings a lesson may change (lesson.ts), bounds aside. */
function channelSettingPattern(): string {
  const keys = [...new Set([...UPSTREAM_CHANNEL_FIELDS, ...DOWNSTREAM_CHANNEL_FIELDS].map((field) => field.key).filter((key) => !key.startsWith('bounds.')))];
  return `^(upstream|downstream)\\.channels\\.[^.]{1,60}\\.(${keys.map((key) => key.replace('.', '\\.')).join('|')})$`;
}

/** The JSON Schema of a model file's optional `lesson` (src/engine/model/lesson.ts, `readLesson`). */
export function lessonSchema(): Record<string, unknown> {
  const part = (description: string) => ({ description, type: 'string', minLength: 1, maxLength: MAX_LESSON_PART_LENGTH, pattern: '\\S' });
  return {
    description: 'Optional: what this scenario teaches, in three short parts; "Try it" in the app applies `change`.',
    type: 'object',
    additionalProperties: false,
    required: ['situation', 'tryThis', 'change', 'notice'],
    properties: {
      situation: part('Who the scenario is and what it faces.'),
      tryThis: part('One thing to change, naming fields by their labels on screen.'),
      change: {
        description: 'The same change as data: settings by path, applied in order.',
        type: 'array',
        minItems: 1,
        maxItems: MAX_LESSON_CHANGES,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['path', 'value'],
          properties: {
            path: {
              anyOf: [
                { enum: [HORIZON_PATH, ...NUMBER_FIELDS.map((field) => field.path)] },
                { description: 'A channel\'s number setting, such as upstream.channels.TV.share.', type: 'string', pattern: channelSettingPattern() },
              ],
            },
            value: { type: 'number' },
          },
        },
      },
      notice: part('What the change shows, and why.'),
    },
  };
}
