import { describe, expect, it } from 'vitest';
import { getDefaultDataset } from '../default-dataset.js';
import { createBulkBenchmarker } from './create-bulk-benchmarker.js';
import { RESULT_COLUMNS } from './offer-columns.js';
import { toOutputRecord, toResultCells } from './to-result-cells.js';

describe('toResultCells', () => {
  const bench = createBulkBenchmarker(getDefaultDataset());

  it('gives one cell per result column for a result', () => {
    const cells = toResultCells(bench.benchmarkRow({ base: 90_000, level: 'mid' }, 1));
    expect(cells).toHaveLength(RESULT_COLUMNS.length);
    const byColumn = Object.fromEntries(RESULT_COLUMNS.map((c, i) => [c, cells[i]]));
    expect(byColumn).toMatchObject({
      percentile: '50',
      compaRatio: '1',
      verdict: 'competitive',
      marketP50: '90000',
      deltaAmount: '0',
      error: '',
    });
  });

  it('leaves the figures empty and writes path: message for an error', () => {
    const cells = toResultCells({ row: 3, ok: false, error: { path: 'base', message: 'base is required' } });
    expect(cells.slice(0, -1).every((c) => c === '')).toBe(true);
    expect(cells.at(-1)).toBe('base: base is required');
    expect(toResultCells({ row: 3, ok: false, error: { path: '', message: 'unreadable' } }).at(-1)).toBe('unreadable');
  });

  it('repeats the carried input cells first', () => {
    const result = bench.benchmarkRow({ base: 90_000 }, 1);
    const record = toOutputRecord(['Ana', '90000', 'stale'], [0, 1], result);
    expect(record.slice(0, 2)).toEqual(['Ana', '90000']);
    expect(record).toHaveLength(2 + RESULT_COLUMNS.length);
  });
});
