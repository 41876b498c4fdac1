import { isPayLensError, PayLensError } from './paylens-error.js';

/** Each field is valid alone but together they contradict the data (manager with 3 years). */
export class InconsistentQueryError extends PayLensError {
  override name = 'InconsistentQueryError';
  readonly path: string;

  constructor(path: string, message: string) {
    super('inconsistent_query', message);
    this.path = path;
  }
}

export function isInconsistentQueryError(error: unknown): error is InconsistentQueryError {
  return isPayLensError(error) && error.name === 'InconsistentQueryError';
}
