import { afterAll, describe, expect, it } from 'vitest';
import { CHANNEL_BAD_INPUTS, channelExample } from '../engine/channel-bad-inputs.ts';
import { STACK_LINE, inBatches, runInProcess, runSubprocess, temporaryFiles } from './cli-harness.ts';

// The command on the channel form's bad inputs (issue 11): each rule of spec 9.1 broken on its
// own makes `validate` and `simulate` exit 2 with one line naming the field, never a stack trace.

/** A file's JSON as a person writes it; JSON.stringify keeps an own "__proto__" key as a key. */
const files = temporaryFiles(Object.fromEntries([
  ['good.json', JSON.stringify(channelExample(), null, 2)],
  ...CHANNEL_BAD_INPUTS.map(([, change], index) => {
    const input = channelExample();
    change(input);
    return [`bad-${index}.json`, JSON.stringify(input, null, 2)];
  }),
]));
afterAll(() => files.remove());

describe('validate and simulate on channel-form files', () => {
  it('validate reads the spec example in the channel form and counts its channels', () => {
    const run = runInProcess(['validate', files.path('good.json')]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(`OK: Consumer brand by channel (spec example) (${files.path('good.json')}): 2 upstream channels, 2 downstream channels\n`);
    expect(run.exitCode).toBe(0);
  });

  it.each(CHANNEL_BAD_INPUTS.map(([what, , path, message], index) => [what, index, path, message] as const))(
    '%s: validate and simulate exit 2 with one line naming the field',
    (_, index, path, message) => {
      const file = files.path(`bad-${index}.json`);
      for (const command of ['validate', 'simulate']) {
        const run = runInProcess([command, file]);
        expect(run.exitCode, run.stderr).toBe(2);
        expect(run.stdout).toBe('');
        expect(run.stderr).toBe(`${file}: ${message}\n`);
        // The field: a setting by its path; a channel's name by its side's channels, then the name.
        expect(run.stderr).toContain(path.split('.').slice(0, 2).join('.'));
        expect(run.stderr).not.toMatch(STACK_LINE);
      }
    },
  );

  it('npx tsx src/cli/main.ts validate and simulate, as a user runs them, exit 2 naming the field without a stack trace', async () => {
    // Three of the cases (a name, a sum, the form) in a subprocess each; the in-process runs above cover every case.
    const picked = [0, 4, 8];
    const runs = await inBatches(picked.flatMap((index) => ['validate', 'simulate'].map((command) => () => runSubprocess([command, files.path(`bad-${index}.json`)]))), 2);
    runs.forEach((run, runIndex) => {
      const index = picked[Math.floor(runIndex / 2)];
      const [what, , , message] = CHANNEL_BAD_INPUTS[index];
      expect(run.exitCode, what).toBe(2);
      expect(run.stderr, what).toBe(`${files.path(`bad-${index}.json`)}: ${message}\n`);
      expect(run.stderr, what).not.toMatch(STACK_LINE);
    });
  }, 60_000);
});
