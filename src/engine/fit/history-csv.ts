import { csvParseRows } from 'd3';
import { quoted } from './history-cells.ts';
import { holdsWholeRow, unclosedQuote } from './history-quotes.ts';
import { HistoryError } from './history-table.ts';

/**
 * The largest history text read, in characters (10 MiB). Twenty years of weekly rows with 50
 * columns of 10-digit numbers is about 0.6 MB, so anything near the limit is not a history
 * (a log, an export of every transaction) and is refused before it is parsed. A text's length
 * is never more than its file's size in UTF-8 bytes, so a caller may also check a file's size
 * against this before reading it.
 */
export const MAX_HISTORY_BYTES = 10 * 1024 * 1024;

/** A history file split into its header and data rows, cells trimmed. */
export interface HistoryCsv {
  /** The column names, in file order: each non-empty, none repeated. */
  header: string[];
  /** The data rows as parsed: a row may have more or fewer cells than the header (see `checkRowLengths`). */
  rows: string[][];
}

/**
 * Splits a history CSV into header and rows with d3's parser (RFC 4180: quoted fields may hold
 * commas, quotes and line breaks; LF, CRLF or CR line ends). A leading byte-order mark is
 * dropped (spreadsheets write one); rows at the end whose cells are all blank are dropped
 * (spreadsheets write those too); cells and names are trimmed.
 *
 * @throws HistoryError when the text is too large (checked first, without parsing), separated
 *   by semicolons or tabs rather than commas, empty, has a quote never closed, or its header has
 *   a column without a name or a name twice: no reading of the columns can be shown for such a
 *   file, so `historyColumns` throws these too.
 */
export function historyCsv(text: string): HistoryCsv {
  if (text.length > MAX_HISTORY_BYTES) {
    throw new HistoryError(`the file is too large (${megabytes(text.length)} MB); a history file is at most `
      + `${megabytes(MAX_HISTORY_BYTES)} MB (twenty years of weekly rows with 50 columns is under 1 MB)`);
  }
  const content = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  checkSeparator(content);
  const parsed = csvParseRows(content, (cells) => cells.map((cell) => cell.trim()));
  while (parsed.length > 0 && parsed[parsed.length - 1].every((cell) => cell === '')) parsed.pop();
  if (parsed.length === 0) throw new HistoryError('the file is empty; a history needs a header row and one row per period');
  const header = parsed[0];
  checkQuotes(content, parsed);
  checkHeader(header);
  return { header, rows: parsed.slice(1) };
}

/** Separators other than the comma that spreadsheets write, by how a message names them. */
const OTHER_SEPARATORS: readonly { character: string; name: string }[] = [
  { character: ';', name: 'semicolons' },
  { character: '\t', name: 'tabs' },
];

/**
 * Refuses a file whose header has no comma but semicolons or tabs (outside quoted names): read
 * with commas it would be one column named "date;revenue;TV", and every column would seem
 * missing. Spreadsheets save "CSV" with semicolons where the comma is the decimal mark.
 */
function checkSeparator(content: string): void {
  const firstLine = /^[^\r\n]*/.exec(content)![0];
  const unquoted = firstLine.replace(/"(?:[^"]|"")*"/g, '');
  if (unquoted.includes(',')) return;
  const counts = OTHER_SEPARATORS.map(({ character }) => unquoted.split(character).length - 1);
  const most = counts.indexOf(Math.max(...counts));
  if (counts[most] === 0) return;
  throw new HistoryError(`row 1: the file seems to be separated by ${OTHER_SEPARATORS[most].name} (its header is ${quoted(firstLine)}); `
    + 'a history must be comma-separated: save it as CSV with commas between cells and a decimal point in numbers', 1);
}

/**
 * Refuses a stray quote: one never closed (see `unclosedQuote`), with which d3 reads the rest
 * of the file into one cell, or one closed by a quote rows later (see `holdsWholeRow`). Either
 * would otherwise show as a history too short, a row too long or a gap in the dates, far from
 * the quote. Quoted cells with commas, doubled quotes and line breaks read as they are.
 */
function checkQuotes(content: string, parsed: readonly string[][]): void {
  const header = parsed[0];
  const fail = (record: number, field: number, what: string): never => {
    const column = record > 0 && field < header.length ? header[field] : null;
    throw new HistoryError(`row ${record + 1}: a quote opened in column ${column === null ? field + 1 : quoted(column)} ${what}; `
      + 'close the quote at the end of the cell or remove it (a quote inside a quoted cell is written twice: "5"" screen")',
    record + 1, column);
  };
  const open = unclosedQuote(content);
  if (open !== undefined) fail(open.record, open.field, 'is never closed, so the rest of the file reads as one cell');
  parsed.forEach((cells, record) => cells.forEach((cell, field) => {
    if (holdsWholeRow(cell, header.length)) fail(record, field, 'is closed only in a later row, so the rows between read as one cell');
  }));
}

function checkHeader(header: readonly string[]): void {
  const seen = new Map<string, number>();
  header.forEach((name, index) => {
    if (name === '') {
      throw new HistoryError(`row 1: column ${index + 1} has no name; name it or remove it`, 1);
    }
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      throw new HistoryError(`row 1: column ${quoted(name)} appears twice (columns ${earlier + 1} and ${index + 1}); `
        + 'each column needs its own name', 1, name);
    }
    seen.set(name, index);
  });
}

/**
 * Checks that every row has one cell per column and none is blank throughout.
 * @throws HistoryError naming the row (the header is row 1)
 */
export function checkRowLengths({ header, rows }: HistoryCsv): void {
  rows.forEach((cells, index) => {
    const row = index + 2;
    if (cells.every((cell) => cell === '')) throw new HistoryError(`row ${row} is empty; remove it or fill it in`, row);
    if (cells.length === header.length) return;
    const hint = cells.length > header.length ? ' (a value with a comma needs quotes: "1,5")' : '';
    throw new HistoryError(`row ${row} has ${cells.length} cells but the header has ${header.length} columns${hint}`, row);
  });
}

function megabytes(length: number): string {
  return (length / 1024 / 1024).toFixed(1).replace(/\.0$/, '');
}
