import { text } from 'node:stream/consumers';
import { stringify } from 'csv-stringify/sync';
import { csvFormatRows } from 'd3-dsv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getDefaultDataset } from '../default-dataset.js';
import { benchmarkOffersCsv } from './benchmark-offers-csv.js';
import { createBulkBenchmarker } from './create-bulk-benchmarker.js';
import { RESULT_COLUMNS } from './offer-columns.js';
import { streamBulkCsv } from './stream-bulk-csv.js';
import { toOutputRecord, toResultCells } from './to-result-cells.js';

const ds = getDefaultDataset();
const cell = fc.string({ unit: fc.constantFrom('a', 'Z', '9', ' ', ',', '"', '\r', '\n', ';', '\uFEFF', '=', '-', '\t', 'é', '$') });

describe('streamBulkCsv', () => {
  it("writes rows exactly as csv-stringify's defaults did (d3-dsv's csvFormatRows, a line end after each row)", () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }), (rows) => {
        expect(`${csvFormatRows(rows)}\n`).toBe(stringify(rows));
      }),
      { numRuns: 2_000 },
    );
  });

  it('gives the same answer however the rows are grouped into chunks: one line per row, carried cells first', async () => {
    const lines = ['name,base,level,notes'];
    for (let i = 0; i < 3_000; i++) lines.push(`"N ${i}, Jr",${60_000 + (i % 50) * 1_000},${i % 3 ? 'mid' : 'senior'},"say ""hi"""`);
    const csv = `${lines.join('\n')}\n`;
    const out = await text(streamBulkCsv(await benchmarkOffersCsv(ds, csv)));
    const bench = createBulkBenchmarker(ds);
    const expected = [
      ['name', 'base', 'level', 'notes', ...RESULT_COLUMNS],
      ...lines.slice(1).map((_, i) => {
        const base = 60_000 + (i % 50) * 1_000;
        const cells = [`N ${i}, Jr`, String(base), i % 3 ? 'mid' : 'senior', 'say "hi"'];
        return toOutputRecord(cells, [0, 1, 2, 3], bench.benchmarkRow({ base, level: cells[2] }, i + 1));
      }),
    ];
    expect(out).toBe(stringify(expected));
  });
});

describe('toResultCells', () => {
  it("writes every figure as String() does, however often it repeats (the figures' text is remembered)", () => {
    const bench = createBulkBenchmarker(ds);
    for (let i = 0; i < 5_000; i++) {
      const r = bench.benchmarkRow(
        { base: 30_000 + (i % 700) * 250, bonus: i % 3 ? 1_000 : undefined, level: i % 2 ? 'mid' : 'senior' },
        i + 1,
      );
      if (!r.ok) throw new Error(JSON.stringify(r));
      const b = r.result;
      expect(toResultCells(r)).toEqual([
        String(b.percentile),
        String(b.compaRatio),
        b.verdict,
        String(b.market.base.p25),
        String(b.market.base.p50),
        String(b.market.base.p75),
        String(b.delta.amount),
        String(b.delta.percent),
        String(b.counterOffer.low),
        String(b.counterOffer.high),
        b.market.confidence,
        '',
      ]);
    }
  });
});
