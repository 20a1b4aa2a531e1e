import { HORIZON_PATH, MAX_LESSON_CHANGES, MAX_LESSON_PART_LENGTH } from './lesson.ts';
import { NUMBER_FIELDS } from './model-fields.ts';

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
            path: { enum: [HORIZON_PATH, ...NUMBER_FIELDS.map((field) => field.path)] },
            value: { type: 'number' },
          },
        },
      },
      notice: part('What the change shows, and why.'),
    },
  };
}
