import { describe, expect, it } from 'vitest';
import { getDefaultDataset } from '../default-dataset.js';
import { isRowLimitError } from '../errors/index.js';
import type { BulkResult } from '../schemas/bulk.js';
import { benchmarkOffers } from './benchmark-offers.js';

const ds = getDefaultDataset();
const levels = ['entry', 'mid', 'senior', 'manager'];

/** Row i is invalid when i % 10 === 7 (10% of rows), in one of several ways. */
function makeRow(i: number): Record<string, unknown> {
  if (i % 10 === 7) {
    const bad = [{ base: 'n/a' }, { base: 90_000, level: 'guru' }, { base: 90_000, region: 'us-zz' }, { level: 'mid' }];
    return bad[i % 4] as Record<string, unknown>;
  }
  return { base: 60_000 + (i % 50) * 2_000, level: levels[i % 4], yearsExperience: 5 + (i % 10), id: `r${i}` };
}

async function collect(iterable: AsyncIterable<BulkResult>): Promise<BulkResult[]> {
  const out: BulkResult[] = [];
  for await (const r of iterable) out.push(r);
  return out;
}

describe('benchmarkOffers', () => {
  it('N rows in, N results out, in order, with the invalid 10% named by row', async () => {
    const n = 2_000;
    async function* rows() {
      for (let i = 1; i <= n; i++) yield makeRow(i);
    }
    const results = await collect(benchmarkOffers(ds, rows()));
    expect(results).toHaveLength(n);
    expect(results.map((r) => r.row)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    const failed = results.filter((r) => !r.ok).map((r) => r.row);
    expect(failed).toEqual(Array.from({ length: n / 10 }, (_, k) => 10 * k + 7));
  });

  it('takes a plain array too', async () => {
    const results = await collect(
      benchmarkOffers(ds, [
        { level: 'mid', offer: { base: 90_000 } },
        { base: 60_000, level: 'mid' },
      ]),
    );
    expect(results.map((r) => r.ok && r.result.verdict)).toEqual(['competitive', 'below-market']);
  });

  it('pulls rows only as results are consumed', async () => {
    let produced = 0;
    function* rows() {
      for (;;) {
        produced++;
        yield { base: 90_000 };
      }
    }
    let seen = 0;
    for await (const _ of benchmarkOffers(ds, rows())) {
      if (++seen === 5) break;
    }
    expect(produced).toBe(5);
  });

  it('stops with a RowLimitError past maxRows', async () => {
    const rows = Array.from({ length: 4 }, () => ({ base: 90_000 }));
    await expect(collect(benchmarkOffers(ds, rows, { maxRows: 3 }))).rejects.toSatisfy((e: unknown) => isRowLimitError(e) && e.limit === 3);
    await expect(collect(benchmarkOffers(ds, rows, { maxRows: 4 }))).resolves.toHaveLength(4);
  });
});
