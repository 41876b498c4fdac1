import { formatDatasetProblems, isCsvHeaderError, isDatasetError, isPayLensError, isRowLimitError, isValidationError } from '@paylens/core';
import { CliError } from './io.js';

/** The lines to print for an error: a one-line message, then any detail lines. No stack traces. */
export function describeError(error: unknown): string[] {
  if (error instanceof CliError) return [error.message, ...error.details];
  if (isDatasetError(error)) {
    const n = error.problems.length;
    return [`the data set was refused (${n} problem${n === 1 ? '' : 's'}):`, ...formatDatasetProblems(error.problems).split('\n')];
  }
  if (isValidationError(error)) return error.issues.map((i) => (i.path ? `${toOptionName(i.path)}: ${i.message}` : i.message));
  if (isCsvHeaderError(error) || isRowLimitError(error)) return [error.message];
  if (isPayLensError(error)) {
    const path = (error as { path?: unknown }).path;
    return [typeof path === 'string' && path ? `${toOptionName(path)}: ${error.message}` : error.message];
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const file = (error as NodeJS.ErrnoException | undefined)?.path;
  if (code === 'ENOENT' && file) return [`no such file: ${file}`];
  if (code === 'EISDIR' && file) return [`is a directory, not a file: ${file}`];
  if (code === 'EACCES' && file) return [`permission denied: ${file}`];
  return [`unexpected error: ${error instanceof Error ? error.message : String(error)}`];
}

/** `yearsExperience` → `--years`, `skills.1` → `--skills`: name what the user typed. */
function toOptionName(path: string): string {
  const field = path.split('.')[0] ?? path;
  const option = { yearsExperience: 'years', asOf: 'as-of' }[field] ?? field;
  return `--${option}`;
}
