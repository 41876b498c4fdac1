// One CSV record as csv-stringify writes it with its default options, for string cells: a field
// holding a comma, a quote, CR or LF is quoted, its quotes doubled; the record ends with LF.
// Checked against csv-stringify in the tests.

const NEEDS_QUOTES = /[",\n\r]/;

/**
 * `['Ana', 'a "b"', 'x,y']` → `Ana,"a ""b""","x,y"\n`, byte for byte what csv-stringify gives.
 *
 * @example
 * formatCsvRecord(['base', 'verdict']); // 'base,verdict\n'
 */
export function formatCsvRecord(cells: readonly string[]): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i] as string;
    if (i > 0) line += ',';
    line += NEEDS_QUOTES.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
  }
  return `${line}\n`;
}
