import { isPayLensError, PayLensError } from './paylens-error.js';

/** One problem in one data file, located as precisely as the parser can. */
export interface DatasetProblem {
  readonly file: string;
  /** 1-based physical line in the file; 0 when the problem concerns the file as a whole. */
  readonly line: number;
  /** Column name, when the problem concerns one field. */
  readonly column?: string;
  readonly reason: string;
}

/** A data set was refused as a whole; `problems` lists every problem found, not just the first. */
export class DatasetError extends PayLensError {
  override name = 'DatasetError';
  readonly problems: readonly DatasetProblem[];

  constructor(problems: readonly DatasetProblem[]) {
    const first = problems[0];
    const where = first ? `${first.file}:${first.line}${first.column ? ` (${first.column})` : ''}: ${first.reason}` : '';
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    super('invalid_dataset', `Data set refused: ${where}${more}`);
    this.problems = problems;
  }
}

export function isDatasetError(error: unknown): error is DatasetError {
  return isPayLensError(error) && error.name === 'DatasetError';
}

/** Renders problems one a line, `file:line column: reason`, for terminals and logs. */
export function formatDatasetProblems(problems: readonly DatasetProblem[]): string {
  return problems.map((p) => `${p.file}:${p.line}${p.column ? ` [${p.column}]` : ''}: ${p.reason}`).join('\n');
}
