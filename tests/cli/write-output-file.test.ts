import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkOutputFile, writeFileAtomically } from '../../src/cli/write-output-file.ts';
import { cliErrorMessage, temporaryFiles } from './cli-harness.ts';

const files = temporaryFiles({ 'history.csv': 'date,revenue\n', 'old.json': '{"old":true}\n' });
mkdirSync(files.path('folder'));
afterAll(() => files.remove());

describe('checkOutputFile', () => {
  it('accepts a new file in an existing folder, and an existing file that is not an input', () => {
    expect(() => checkOutputFile('out', files.path('new.json'), [files.path('history.csv')])).not.toThrow();
    expect(() => checkOutputFile('out', files.path('old.json'), [files.path('history.csv')])).not.toThrow();
  });

  it('refuses a missing folder, a folder, a device and an input file, naming the option', () => {
    const missing = join(files.dir, 'no-such-folder', 'fitted.json');
    expect(cliErrorMessage(() => checkOutputFile('out', missing, []))).toBe(`cannot write --out ${missing}: there is no folder ${join(files.dir, 'no-such-folder')}`);
    expect(cliErrorMessage(() => checkOutputFile('out', join(files.path('history.csv'), 'x.json'), [])))
      .toBe(`cannot write --out ${join(files.path('history.csv'), 'x.json')}: ${files.path('history.csv')} is not a folder`);
    expect(cliErrorMessage(() => checkOutputFile('out', files.path('folder'), [])))
      .toBe(`--out ${files.path('folder')} is a folder; give a file name, e.g. ${join(files.path('folder'), 'fitted.json')}`);
    expect(cliErrorMessage(() => checkOutputFile('out', '/dev/null', []))).toBe('--out /dev/null is not a regular file; give a file name');
    // The same file by another path is still the input.
    const roundabout = join(files.dir, 'folder', '..', 'history.csv');
    expect(cliErrorMessage(() => checkOutputFile('out', roundabout, [files.path('history.csv')])))
      .toBe(`--out ${roundabout} is the input file ${files.path('history.csv')}; write the output to another file`);
  });
});

describe('writeFileAtomically', () => {
  it('replaces the file whole and leaves no temporary file behind', () => {
    writeFileAtomically(files.path('old.json'), '{"new":true}\n');
    expect(readFileSync(files.path('old.json'), 'utf8')).toBe('{"new":true}\n');
    expect(readdirSync(files.dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('on failure changes nothing, leaves no temporary file and says why', () => {
    writeFileSync(files.path('kept.json'), 'kept\n');
    // Renaming a file over a folder fails after the temporary file was written.
    mkdirSync(files.path('taken'));
    expect(cliErrorMessage(() => writeFileAtomically(files.path('taken'), 'text'))).toMatch(new RegExp(`^cannot write ${files.path('taken')}: E[A-Z]+$`));
    expect(readdirSync(files.dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(cliErrorMessage(() => writeFileAtomically(join(files.dir, 'gone', 'x.json'), 'text'))).toBe(`cannot write ${join(files.dir, 'gone', 'x.json')}: ENOENT`);
    expect(existsSync(join(files.dir, 'gone'))).toBe(false);
    expect(readFileSync(files.path('kept.json'), 'utf8')).toBe('kept\n');
  });
});
