import { isPayLensError, PayLensError } from './paylens-error.js';

/**
 * The query is well-formed but the data set holds no figure to answer it with (the article gives
 * no director salary, say). PayLens refuses rather than invent a number.
 */
export class NoDataError extends PayLensError {
  override name = 'NoDataError';
  readonly path: string;

  constructor(path: string, message: string) {
    super('no_data', message);
    this.path = path;
  }
}

export function isNoDataError(error: unknown): error is NoDataError {
  return isPayLensError(error) && error.name === 'NoDataError';
}
