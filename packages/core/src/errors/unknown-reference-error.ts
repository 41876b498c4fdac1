import { isPayLensError, PayLensError } from './paylens-error.js';

export type ReferenceKind = 'role' | 'level' | 'region' | 'skill' | 'education' | 'source';

/** An id in the input names nothing in the data set (`region: 'us-xx'`). */
export class UnknownReferenceError extends PayLensError {
  override name = 'UnknownReferenceError';
  readonly kind: ReferenceKind;
  readonly id: string;
  readonly path: string;

  constructor(kind: ReferenceKind, id: string, path: string, hint?: string) {
    super(`unknown_${kind}`, `Unknown ${kind} '${id}'${hint ? `; ${hint}` : ''}`);
    this.kind = kind;
    this.id = id;
    this.path = path;
  }
}

export function isUnknownReferenceError(error: unknown): error is UnknownReferenceError {
  return isPayLensError(error) && error.name === 'UnknownReferenceError';
}
