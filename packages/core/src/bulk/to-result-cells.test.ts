import { csvFormatRow } from 'd3-dsv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getDefaultDataset } from '../default-dataset.js';
import { createBulkBenchmarker } from './create-bulk-benchmarker.js';
import { RESULT_COLUMNS } from './offer-columns.js';
import { createOutputLineFormatter, formatCsvRow, type OutputProfile, toOutputRecord, toResultCells } from './to-result-cells.js';

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

describe('createOutputLineFormatter', () => {
  const bench = createBulkBenchmarker(getDefaultDataset());
  const cell = fc.string({ unit: fc.constantFrom('a', '9', ' ', ',', '"', '\r', '\n', ';', '=', '\uFEFF', 'é') });

  it("writes exactly d3-dsv's line for the whole output row, whatever the columns and cells", () => {
    fc.assert(
      fc.property(
        // Per column: carried or not, a profile column or not; per profile its cells; the rows.
        fc.array(fc.record({ carried: fc.boolean(), profile: fc.boolean() }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.array(cell, { minLength: 8, maxLength: 8 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.record({ profile: fc.nat(3), cells: fc.array(cell, { maxLength: 9 }), base: fc.nat(200) }), {
          minLength: 1,
          maxLength: 12,
        }),
        (columns, profileCells, rows) => {
          const carried = columns.flatMap((c, i) => (c.carried ? [i] : []));
          const profileColumns = columns.flatMap((c, i) => (c.profile ? [i] : []));
          // One key per profile cells as read (a missing cell reads as empty) and one market, as benchmarkOffersCsv keys rows.
          const keys = new Map<string, OutputProfile>();
          const line = createOutputLineFormatter(carried, profileColumns);
          for (const row of rows) {
            const k = row.profile % profileCells.length;
            const cells = row.cells.map((c, i) => (columns[i]?.profile ? ((profileCells[k] as string[])[i] as string) : c));
            const profile = JSON.stringify(profileColumns.map((i) => cells[i] ?? ''));
            if (!keys.has(profile)) keys.set(profile, {});
            // A profile, one market: the level follows the profile.
            const level = (['entry', 'mid', 'senior', 'manager'] as const)[[...keys.keys()].indexOf(profile) % 4];
            const result = bench.benchmarkRow({ base: 20_000 + row.base * 1_000, level }, 1);
            if (!result.ok) throw new Error(JSON.stringify(result));
            expect(line(cells, result.result, keys.get(profile) as OutputProfile)).toBe(
              csvFormatRow(toOutputRecord(cells, carried, result)),
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('formatCsvRow', () => {
  it("writes exactly d3-dsv's csvFormatRow", () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '9', ' ', ',', '"', '\r', '\n', ';', '=', '\uFEFF', 'é', '\t') });
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 10 }), (cells) => {
        expect(formatCsvRow(cells)).toBe(csvFormatRow(cells));
      }),
      { numRuns: 500 },
    );
    expect(formatCsvRow([])).toBe(csvFormatRow([]));
    expect(formatCsvRow(['Doe, Jane', '90000', ''])).toBe('"Doe, Jane",90000,');
  });
});
