import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCsvRecord } from './format-csv-record.js';

describe('formatCsvRecord', () => {
  it('writes what csv-stringify writes with its defaults, for any string cells', () => {
    const cell = fc.oneof(fc.string(), fc.constantFrom('', ' ', '"', ',', '\n', '\r\n', 'a"b', 'x,y', '=1+2', '-3', ' lead', 'é–÷'));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 5 }), (records) => {
        expect(records.map(formatCsvRecord).join('')).toBe(stringify(records));
      }),
      { numRuns: 1_000 },
    );
  });
});
