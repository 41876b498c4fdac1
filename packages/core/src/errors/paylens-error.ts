/** Where in the caller's input a problem lies, as an array path (`['offer', 'base']`). */
export type ErrorPath = readonly (string | number)[];

/** One problem with one field of the caller's input. */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

const brand = Symbol.for('paylens.error');

/**
 * Base of every error PayLens throws on purpose. `code` is stable and machine-readable; the API
 * maps error classes to HTTP statuses in one place.
 */
export class PayLensError extends Error {
  override name = 'PayLensError';
  readonly code: string;
  readonly [brand] = true;

  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** True for any PayLens error, even one thrown by another copy of this module. */
export function isPayLensError(error: unknown): error is PayLensError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[brand] === true;
}

/** Joins an array path to the dotted form used in answers (`offers.3.base`). */
export function formatPath(path: ErrorPath): string {
  return path.map(String).join('.');
}
