import { type FieldIssue, isPayLensError, PayLensError } from './paylens-error.js';

/**
 * A CSV of offers cannot be read as such: it has no header row, lacks a required column, or
 * names a column twice. Thrown before any row is processed; `issues` name each column.
 */
export class CsvHeaderError extends PayLensError {
  override name = 'CsvHeaderError';
  readonly issues: readonly FieldIssue[];
  /** The columns PayLens understands, required ones first. */
  readonly expected: readonly string[];
  /** The header as found in the file. */
  readonly found: readonly string[];

  constructor(issues: readonly FieldIssue[], expected: readonly string[], found: readonly string[]) {
    const first = issues[0];
    const shown = found.length > 0 ? found.map((c) => (c === '' ? '(empty)' : c)).join(', ') : 'none';
    super(
      'invalid_csv_header',
      `${first ? first.message : 'Invalid CSV header'}; expected columns: ${expected.join(', ')}; found: ${shown}`,
    );
    this.issues = issues;
    this.expected = expected;
    this.found = found;
  }
}

export function isCsvHeaderError(error: unknown): error is CsvHeaderError {
  return isPayLensError(error) && error.name === 'CsvHeaderError';
}
