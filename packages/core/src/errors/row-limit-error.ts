import { isPayLensError, PayLensError } from './paylens-error.js';

/** A bulk input holds more rows than the caller allows (`maxRows`); nothing past the limit is read. */
export class RowLimitError extends PayLensError {
  override name = 'RowLimitError';
  readonly limit: number;

  constructor(limit: number) {
    super('too_many_rows', `Too many rows: the limit is ${limit.toLocaleString('en-US')}`);
    this.limit = limit;
  }
}

export function isRowLimitError(error: unknown): error is RowLimitError {
  return isPayLensError(error) && error.name === 'RowLimitError';
}
