import { chmodSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { cliErrorMessage as messageOf } from './cli-harness.ts';
import { loadModel } from '../../src/cli/load-model.ts';
import { MAX_MODEL_FILE_BYTES, readModelJson } from '../../src/cli/read-model-file.ts';
import { parseOverride } from '../../src/cli/set-override.ts';
import { PROJECT_ROOT, temporaryFiles } from './cli-harness.ts';

const defaultText = readFileSync(`${PROJECT_ROOT}models/default.json`, 'utf8');
const files = temporaryFiles({
  'empty.json': '',
  'blank.json': ' \n\t\n',
  'bom.json': `\uFEFF${defaultText}`,
  'broken.json': '{\n  "name": "x",\n  "horizonYears": 3,\n}\n',
  'invalid.json': JSON.stringify({ ...JSON.parse(defaultText), horizonYears: 0, brand: { ...JSON.parse(defaultText).brand, halfLifeMonths: -1 } }),
  'huge.json': ' '.repeat(MAX_MODEL_FILE_BYTES + 1),
  'locked.json': defaultText,
});
afterAll(() => files.remove());

describe('readModelJson', () => {
  it('reads a model file as JSON', () => {
    expect(readModelJson('models/default.json')).toEqual(JSON.parse(defaultText));
  });

  it('ignores a byte-order mark', () => {
    expect(readModelJson(files.path('bom.json'))).toEqual(JSON.parse(defaultText));
  });

  it('says when the file does not exist', () => {
    expect(messageOf(() => readModelJson('models/no-such-model.json'))).toBe('cannot read models/no-such-model.json: no such file');
  });

  it('says when the path is a directory', () => {
    expect(messageOf(() => readModelJson(files.dir))).toBe(`${files.dir} is a directory, not a model file`);
  });

  it('says when the file is empty or only whitespace', () => {
    expect(messageOf(() => readModelJson(files.path('empty.json')))).toBe(`${files.path('empty.json')} is empty`);
    expect(messageOf(() => readModelJson(files.path('blank.json')))).toBe(`${files.path('blank.json')} is empty`);
  });

  it('gives line and column for invalid JSON', () => {
    expect(messageOf(() => readModelJson(files.path('broken.json'))))
      .toBe(`${files.path('broken.json')} is not valid JSON: line 4, column 1: expected double-quoted property name`);
  });

  it('refuses a file over 5 MB', () => {
    expect(messageOf(() => readModelJson(files.path('huge.json')))).toBe(`${files.path('huge.json')} is 5.0 MB; model files larger than 5 MB are refused`);
  });

  it.skipIf(process.getuid?.() === 0)('says when the file cannot be read', () => {
    chmodSync(files.path('locked.json'), 0o000);
    expect(messageOf(() => readModelJson(files.path('locked.json')))).toBe(`cannot read ${files.path('locked.json')}: permission denied`);
  });
});

describe('loadModel', () => {
  it('applies overrides before validation', () => {
    const model = loadModel('models/default.json', [parseOverride('horizonYears=5'), parseOverride('name=My plan')]);
    expect(model.horizonYears).toBe(5);
    expect(model.name).toBe('My plan');
  });

  it('lists every problem on its own line, prefixed by the file', () => {
    const lines = messageOf(() => loadModel(files.path('invalid.json'), [])).split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line.startsWith(`${files.path('invalid.json')}: `)).toBe(true);
    expect(lines.join('\n')).toMatch(/horizonYears/);
    expect(lines.join('\n')).toMatch(/brand.halfLifeMonths/);
  });
});
