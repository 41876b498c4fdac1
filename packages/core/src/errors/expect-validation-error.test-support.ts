import { expect } from 'vitest';
import { isValidationError } from './validation-error.js';

/** Asserts that `run` throws a ValidationError with an issue at `path` (tests only). */
export function expectValidationErrorAt(run: () => unknown, path: string): void {
  let error: unknown;
  try {
    run();
  } catch (e) {
    error = e;
  }
  expect(isValidationError(error), `expected a ValidationError at ${path}`).toBe(true);
  expect((error as { issues: { path: string }[] }).issues.map((i) => i.path)).toContain(path);
}
