/** Where a quoted field that is never closed starts: its record (0 is the header) and field, both 0-based. */
export interface UnclosedQuote {
  record: number;
  field: number;
}

const QUOTE = 34;
const COMMA = 44;
const NEWLINE = 10;
const RETURN = 13;

/**
 * The quoted field that is never closed in a CSV text, or undefined when every quote closes.
 *
 * d3's `csvParseRows` reads an unclosed quote as a field running to the end of the text, so
 * the rest of the file becomes one cell and the table seems to end there. This walks the text
 * token by token as d3 does, so that record and field numbers match its rows: a quote opens a
 * field only as the field's first character; inside, `""` is a quote and a lone `"` closes it
 * (d3 then takes the next character as the end of the field, whatever it is); commas and line
 * breaks inside a closed quoted field are data. A quote later in an unquoted field is data too,
 * and cannot leave anything open.
 *
 * Cost: one pass over the text, no allocation.
 * @example unclosedQuote('a,b\n1,"2\n3,4') // { record: 1, field: 1 }
 */
export function unclosedQuote(text: string): UnclosedQuote | undefined {
  const end = text.length;
  let record = 0;
  let field = 0;
  let at = 0;
  const endOfField = (code: number): void => {
    if (code === COMMA) {
      field += 1;
      return;
    }
    if (code === RETURN && text.charCodeAt(at) === NEWLINE) at += 1;
    record += 1;
    field = 0;
  };
  while (at < end) {
    if (text.charCodeAt(at) === QUOTE) {
      at += 1;
      for (;;) {
        if (at >= end) return { record, field };
        if (text.charCodeAt(at) !== QUOTE) at += 1;
        else if (text.charCodeAt(at + 1) === QUOTE) at += 2;
        else break;
      }
      at += 1; // the closing quote
      if (at >= end) return undefined;
      const next = text.charCodeAt(at);
      at += 1;
      endOfField(next === NEWLINE || next === RETURN ? next : COMMA);
      continue;
    }
    for (;;) {
      if (at >= end) return undefined;
      const code = text.charCodeAt(at);
      at += 1;
      if (code === COMMA || code === NEWLINE || code === RETURN) {
        endOfField(code);
        break;
      }
    }
  }
  return undefined;
}

/**
 * Whether a parsed cell holds a whole row of a table with `columns` columns after a line break:
 * a line in it, after its first, with at least `columns − 1` commas. That is what a stray
 * quote does when a later quote closes it: the cell runs on over the rows between the two. A
 * cell of text with a line break (an address, a note) rarely has a line with so many commas.
 * @example holdsWholeRow('a, b\n2024-04-08,1013,12', 3) // true
 */
export function holdsWholeRow(cell: string, columns: number): boolean {
  if (columns < 2 || !/[\r\n]/.test(cell)) return false;
  return cell.split(/\r\n?|\n/).slice(1).some((line) => line.split(',').length >= columns);
}
