import type { Dataset } from '../dataset/dataset.js';
import { RowLimitError } from '../errors/index.js';
import type { BulkResult } from '../schemas/bulk.js';
import { type BulkBenchmarkerOptions, createBulkBenchmarker } from './create-bulk-benchmarker.js';

export interface BenchmarkOffersOptions extends BulkBenchmarkerOptions {
  /** Refuse inputs with more rows than this: a {@link RowLimitError} is thrown on reaching row `maxRows + 1`. */
  readonly maxRows?: number;
}

/**
 * Benchmarks a stream of offers one row at a time, in input order, yielding exactly one result
 * per row: `{ row, ok: true, result }` or `{ row, ok: false, error: { path, message } }`. Rows are
 * pulled only as results are consumed, so memory does not grow with the input. Each row is the
 * body of a single benchmark (`{ level: 'mid', offer: { base: 90000 } }`) or a flat record keyed
 * like the CSV columns (`{ base: 90000, level: 'mid' }`). `row` counts from 1.
 *
 * @example
 * for await (const r of benchmarkOffers(getDefaultDataset(), [{ base: 90000, level: 'mid' }, { base: 'n/a' }])) {
 *   console.log(r.row, r.ok ? r.result.verdict : r.error.message); // 1 competitive · 2 expected a number, got 'n/a'
 * }
 */
export async function* benchmarkOffers(
  dataset: Dataset,
  rows: Iterable<unknown> | AsyncIterable<unknown>,
  options: BenchmarkOffersOptions = {},
): AsyncGenerator<BulkResult, void, undefined> {
  const bench = createBulkBenchmarker(dataset, options);
  let row = 0;
  for await (const input of rows) {
    row++;
    if (options.maxRows !== undefined && row > options.maxRows) throw new RowLimitError(options.maxRows);
    yield bench.benchmarkRow(input, row);
  }
}
