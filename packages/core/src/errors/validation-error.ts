import { type FieldIssue, isPayLensError, PayLensError } from './paylens-error.js';

/** The input is malformed: wrong type, out of range, unknown field. Carries one issue per field. */
export class ValidationError extends PayLensError {
  override name = 'ValidationError';
  readonly issues: readonly FieldIssue[];

  constructor(issues: readonly FieldIssue[]) {
    const first = issues[0];
    super('invalid_input', first ? `${first.path || 'input'}: ${first.message}` : 'Invalid input');
    this.issues = issues;
  }
}

export function isValidationError(error: unknown): error is ValidationError {
  return isPayLensError(error) && error.name === 'ValidationError';
}
