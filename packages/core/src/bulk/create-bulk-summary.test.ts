import { describe, expect, it } from 'vitest';
import { getDefaultDataset } from '../default-dataset.js';
import { createBulkBenchmarker } from './create-bulk-benchmarker.js';
import { createBulkSummary } from './create-bulk-summary.js';

describe('createBulkSummary', () => {
  it('counts rows, verdicts and failed rows, capping the list', () => {
    const bench = createBulkBenchmarker(getDefaultDataset());
    const counter = createBulkSummary({ maxFailedRows: 2 });
    const bases = [60_000, 90_000, 'x', 140_000, 'y', 'z', 90_000];
    for (const [i, base] of bases.entries()) counter.add(bench.benchmarkRow({ base, level: 'mid' }, i + 1));
    expect(counter.summary()).toEqual({
      rows: 7,
      ok: 4,
      failed: 3,
      verdicts: { 'below-market': 1, competitive: 2, 'above-market': 1 },
      failedRows: [3, 5],
      failedRowsTruncated: true,
    });
  });

  it('hands out snapshots the caller may keep', () => {
    const counter = createBulkSummary();
    const before = counter.summary();
    counter.add({ row: 1, ok: false, error: { path: 'base', message: 'base is required' } });
    expect(before.rows).toBe(0);
    expect(counter.summary().failedRows).toEqual([1]);
  });
});
