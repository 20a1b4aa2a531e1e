import { printableText } from './printable.ts';

/** How a column's cells line up: text to the left, numbers to the right. */
export type Alignment = 'left' | 'right';

/**
 * Lays rows of cells out as aligned columns of plain text, separated by three spaces, with
 * trailing spaces removed. Widths are counted in UTF-16 code units, which is right for the
 * Latin text and "—" the CLI prints.
 *
 * A cell is one line: control characters in it (a model name with a line break or an escape
 * sequence) are shown as escapes, so a cell can neither break the table nor the terminal.
 *
 * @param rows every row, the header rows included; short rows are padded with empty cells
 * @param alignments one per column; columns without one are left-aligned
 * @param indent text put before every line, e.g. two spaces under a heading
 * @example renderTextTable([['Year', 'Profit'], ['1', '12,000']], ['right', 'right'])
 */
export function renderTextTable(givenRows: readonly (readonly string[])[], alignments: readonly Alignment[], indent = ''): string {
  const rows = givenRows.map((row) => row.map(printableText));
  const columns = Math.max(0, ...rows.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, column) => Math.max(0, ...rows.map((row) => (row[column] ?? '').length)));
  return rows
    .map((row) => {
      const cells = widths.map((width, column) => {
        const cell = row[column] ?? '';
        return alignments[column] === 'right' ? cell.padStart(width) : cell.padEnd(width);
      });
      return `${indent}${cells.join('   ')}`.trimEnd();
    })
    .join('\n');
}
