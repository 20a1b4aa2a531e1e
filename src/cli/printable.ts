/**
 * Text from a model file or the command line made safe to print on a terminal.
 *
 * Names, keys and file names can hold control characters: an escape sequence ("\u001b[2J")
 * clears the screen, a carriage return or line break can draw a fake "OK:" line over a real
 * error. Each C0 control (U+0000–U+001F), DEL (U+007F) and C1 control (U+0080–U+009F) is written
 * as a visible `\uXXXX` escape. That is the form JSON uses, so a JSON output stays valid JSON
 * meaning exactly the same text (JSON.stringify leaves DEL and C1 characters raw), and a person
 * reading a message sees what is really in the file.
 */

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const CONTROL_EXCEPT_LINE_BREAK = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;

function escaped(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * User text for one line of output: every control character escaped, line breaks included.
 * @example printableText('Plan\u001b[2J') // 'Plan\\u001b[2J'
 */
export function printableText(text: string): string {
  return text.replace(CONTROL, escaped);
}

/**
 * Everything the command writes, at its output boundary (`runCli`): every control character
 * escaped except the line break "\n", which separates the lines of the output itself. User text
 * that could hold a line break is passed through `printableText` where it is put in a line.
 * @example printableOutput('OK: a\rFAKE\n') // 'OK: a\\u000dFAKE\n'
 */
export function printableOutput(text: string): string {
  return text.replace(CONTROL_EXCEPT_LINE_BREAK, escaped);
}
