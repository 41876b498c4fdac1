export { CsvHeaderError, isCsvHeaderError } from './csv-header-error.js';
export { DatasetError, type DatasetProblem, formatDatasetProblems, isDatasetError } from './dataset-error.js';
export { InconsistentQueryError, isInconsistentQueryError } from './inconsistent-query-error.js';
export { isNoDataError, NoDataError } from './no-data-error.js';
export { type ErrorPath, type FieldIssue, formatPath, isPayLensError, PayLensError } from './paylens-error.js';
export { isRowLimitError, RowLimitError } from './row-limit-error.js';
export { isUnknownReferenceError, type ReferenceKind, UnknownReferenceError } from './unknown-reference-error.js';
export { isValidationError, ValidationError } from './validation-error.js';
