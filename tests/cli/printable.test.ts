import { describe, expect, it } from 'vitest';
import { printableOutput, printableText } from '../../src/cli/printable.ts';
import { renderTextTable } from '../../src/cli/text-table.ts';
import { runInProcess } from './cli-harness.ts';
import type { Command } from '../../src/cli/commands/command.ts';

describe('printableText', () => {
  it('writes every C0 control, DEL and C1 control as a visible \\uXXXX escape', () => {
    expect(printableText('a\u001b[2Jb')).toBe('a\\u001b[2Jb');
    expect(printableText('\r\n\t\u0000\u007f\u0080\u009b\u009f')).toBe('\\u000d\\u000a\\u0009\\u0000\\u007f\\u0080\\u009b\\u009f');
  });

  it('leaves other text alone: accents, symbols, right-to-left scripts, emoji, backslashes', () => {
    const text = 'Café – 25 % ≤ €1,000 مرحبا 👍 \\u001b';
    expect(printableText(text)).toBe(text);
  });

  it('gives text that JSON reads back as the original (the escapes are JSON\'s)', () => {
    const text = 'x\u001b\u009b\u007fy';
    expect(JSON.parse(`"${printableText(text)}"`)).toBe(text);
  });
});

describe('printableOutput', () => {
  it('keeps line breaks, the lines of the output, and escapes the rest', () => {
    expect(printableOutput('OK: a\rFAKE\nnext\n')).toBe('OK: a\\u000dFAKE\nnext\n');
  });

  it('keeps JSON valid and its meaning unchanged, C1 characters included (JSON.stringify leaves them raw)', () => {
    const value = { name: 'a\u009b2J\u007f\u001b' };
    const printed = printableOutput(JSON.stringify(value, null, 2));
    expect(printed).not.toMatch(/[\u0080-\u009f\u007f]/);
    expect(JSON.parse(printed)).toEqual(value);
  });
});

describe('where it is applied', () => {
  it('renderTextTable escapes each cell, so a name with a line break stays in its row', () => {
    expect(renderTextTable([['Name', 'Value'], ['a\nb', '1']], ['left', 'right'])).toBe('Name       Value\na\\u000ab       1');
  });

  it('runCli escapes whatever any command writes, on both streams', () => {
    const noisy: Command = {
      name: 'noisy', summary: '', help: '', options: [],
      run: (_args, output) => {
        output.stdout('\u001b[2J\u001b[Hclean\n');
        output.stderr('bell\u0007\n');
        return 0;
      },
    };
    const run = runInProcess(['noisy'], { commands: [noisy] });
    expect(run.stdout).toBe('\\u001b[2J\\u001b[Hclean\n');
    expect(run.stderr).toBe('bell\\u0007\n');
  });

  it.each([
    [['simulate', 'models/default.json', '--form\nOK: fine'], /^unknown option --form\\u000aOK: fine for simulate/],
    [['simulate', 'models/default.json', '--set', 'a\nOK: fine'], /^--set needs path=value, got 'a\\u000aOK: fine'/],
    [['simulate', 'models/default.json', '--set', 'name.x\u001b[2J=1'], /^cannot apply --set name.x\\u001b\[2J: name is text/],
  ])('an argument echoed in a message stays on one line: %j', (argv, message) => {
    const run = runInProcess(argv);
    expect(run.exitCode).toBe(2);
    expect(run.stderr.split('\n')).toHaveLength(2);
    expect(run.stderr).toMatch(message);
  });

  it('an unknown command typed with a line break is shown on one line', () => {
    const run = runInProcess(['sim\nOK: fine']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr.split('\n')).toHaveLength(2);
    expect(run.stderr).toMatch(/^unknown command 'sim\\u000aOK: fine'/);
  });
});
