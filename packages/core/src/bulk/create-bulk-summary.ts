import type { BulkResult, BulkSummary } from '../schemas/bulk.js';

export interface BulkSummaryAccumulator {
  /** Counts one result. */
  add(result: BulkResult): void;
  /** A snapshot of the counts so far (a new object each call). */
  summary(): BulkSummary;
}

/**
 * Counts bulk results as they stream past, in constant memory: rows, ok, failed, counts by
 * verdict and the first `maxFailedRows` failed row numbers.
 *
 * @example
 * const counter = createBulkSummary();
 * for await (const r of benchmarkOffers(dataset, rows)) counter.add(r);
 * counter.summary(); // { rows: 20, ok: 17, failed: 3, verdicts: { … }, failedRows: [4, 9, 15], … }
 */
export function createBulkSummary(options: { maxFailedRows?: number } = {}): BulkSummaryAccumulator {
  const maxFailedRows = options.maxFailedRows ?? 100;
  let rows = 0;
  let ok = 0;
  const verdicts = { 'below-market': 0, competitive: 0, 'above-market': 0 };
  const failedRows: number[] = [];
  let truncated = false;
  return {
    add(result) {
      rows++;
      if (result.ok) {
        ok++;
        verdicts[result.result.verdict]++;
      } else if (failedRows.length < maxFailedRows) {
        failedRows.push(result.row);
      } else {
        truncated = true;
      }
    },
    summary: () => ({
      rows,
      ok,
      failed: rows - ok,
      verdicts: { ...verdicts },
      failedRows: [...failedRows],
      failedRowsTruncated: truncated,
    }),
  };
}
