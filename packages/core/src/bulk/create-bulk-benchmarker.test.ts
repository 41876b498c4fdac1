import { describe, expect, it } from 'vitest';
import { getDefaultDataset } from '../default-dataset.js';
import { benchmarkOffer } from '../insights/benchmark-offer.js';
import type { BulkResult } from '../schemas/bulk.js';
import { createBulkBenchmarker } from './create-bulk-benchmarker.js';
import { resolveOfferColumns } from './offer-columns.js';

const ds = getDefaultDataset();
const errorOf = (r: BulkResult) => (r.ok ? undefined : r.error);

describe('createBulkBenchmarker', () => {
  it('gives the same answer as benchmarkOffer, for flat and nested rows alike', () => {
    const bench = createBulkBenchmarker(ds);
    const single = benchmarkOffer(ds, { level: 'senior', region: 'us-ny', skills: ['dicom'], offer: { base: 101_000, bonus: 2_000 } });
    const flat = bench.benchmarkRow({ Base: '101,000', bonus: 2000, LEVEL: 'senior', region: 'us-ny', skills: 'dicom' }, 1);
    const nested = bench.benchmarkRow({ level: 'senior', region: 'us-ny', skills: ['dicom'], offer: { base: 101_000, bonus: 2_000 } }, 2);
    expect(flat).toEqual({ row: 1, ok: true, result: single });
    expect(nested).toEqual({ row: 2, ok: true, result: single });
  });

  it('shares one market estimate between rows of the same profile', () => {
    const bench = createBulkBenchmarker(ds);
    const a = bench.benchmarkRow({ base: 80_000, level: 'mid' }, 1);
    const b = bench.benchmarkRow({ base: 95_000, level: 'mid' }, 2);
    if (!a.ok || !b.ok) throw new Error('expected results');
    expect(a.result.market).toBe(b.result.market);
    expect(Object.isFrozen(a.result.market)).toBe(true);
    expect(a.result.verdict).toBe('competitive');
  });

  it('stays right when the cache is smaller than the number of profiles', () => {
    const bench = createBulkBenchmarker(ds, { cacheSize: 1 });
    const levels = ['entry', 'mid', 'senior', 'entry', 'mid'];
    const medians = levels.map((level, i) => {
      const r = bench.benchmarkRow({ base: 90_000, level }, i + 1);
      return r.ok ? r.result.market.base.p50 : 0;
    });
    expect(medians[0]).toBe(medians[3]);
    expect(medians[1]).toBe(medians[4]);
    expect(new Set(medians).size).toBe(3);
  });

  it('reads money as spreadsheets write it', () => {
    const bench = createBulkBenchmarker(ds);
    for (const base of ['90000', '90,000', '$90,000', ' 90000.00 ', '90 000']) {
      const r = bench.benchmarkRow({ base, level: 'mid' }, 1);
      expect(r.ok && r.result.delta.amount).toBe(0);
    }
  });

  it('names the column at fault for flat rows', () => {
    const bench = createBulkBenchmarker(ds);
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ level: 'mid' }, 'base', /required/],
      [{ base: '90k' }, 'base', /expected a number, got '90k'/],
      [{ base: -5 }, 'base', /./],
      [{ base: 0 }, 'base', /./],
      [{ base: 90_000, bonus: 'lots' }, 'bonus', /expected a number/],
      [{ base: 90_000, bonus: -1 }, 'bonus', /./],
      [{ base: 90_000, yearsExperience: 'five' }, 'yearsExperience', /expected a number of years/],
      [{ base: 90_000, yearsExperience: 99 }, 'yearsExperience', /./],
      [{ base: 90_000, level: 'guru' }, 'level', /Unknown level 'guru'/],
      [{ base: 90_000, level: 'director' }, 'level', /No source/],
      [{ base: 90_000, level: 'manager', yearsExperience: 2 }, 'yearsExperience', /at least 5 years/],
      [{ base: 90_000, region: 'us-zz' }, 'region', /Unknown region/],
      [{ base: 90_000, skills: 'dicom;juggling' }, 'skills', /Unknown skill 'juggling'/],
      [{ base: 90_000, education: 'phd-in-magic' }, 'education', /Unknown education/],
      [{ base: 90_000, asOf: '2025-13-45' }, 'asOf', /./],
      [{ base: 90_000, role: 'Not An Id!' }, 'role', /kebab-case/],
      [{ base: 90_000, level: 7 }, 'level', /expected a string/],
      [{ base: 90_000, Base: 1 }, 'base', /twice/],
    ];
    for (const [input, path, message] of cases) {
      const error = errorOf(bench.benchmarkRow(input, 4));
      expect(error, JSON.stringify(input)).toEqual({ path, message: expect.stringMatching(message) });
    }
  });

  it('keeps the request paths for nested rows, strictly', () => {
    const bench = createBulkBenchmarker(ds);
    expect(errorOf(bench.benchmarkRow({ offer: { base: 'x' } }, 1))?.path).toBe('offer.base');
    expect(errorOf(bench.benchmarkRow({ offer: { base: 1 }, skills: ['dicom', 'nope'] }, 1))?.path).toBe('skills.1');
    expect(errorOf(bench.benchmarkRow({ offer: { base: 1 }, colour: 'blue' }, 1))).toEqual({
      path: 'colour',
      message: "unknown field 'colour'",
    });
    expect(errorOf(bench.benchmarkRow(null, 1))).toEqual({ path: '', message: 'expected an object' });
    expect(errorOf(bench.benchmarkRow([1], 1))?.message).toBe('expected an object');
  });

  it('ignores unknown keys of flat rows and never mutates the input', () => {
    const bench = createBulkBenchmarker(ds);
    const input = Object.freeze({ employee: 'Ana', base: 90_000, level: 'mid', skills: Object.freeze(['dicom', 'hl7']) });
    expect(bench.benchmarkRow(input, 1).ok).toBe(true);
  });

  it('refuses non-empty cells past the header, ignores empty ones', () => {
    const bench = createBulkBenchmarker(ds);
    const columns = resolveOfferColumns(['base', 'level']);
    expect(bench.benchmarkCells(['90000', 'mid', ''], columns, 1).ok).toBe(true);
    expect(errorOf(bench.benchmarkCells(['90000', 'mid', 'oops'], columns, 2))).toEqual({
      path: 'column 3',
      message: 'the row has 3 cells but the header names 2 columns',
    });
    expect(errorOf(bench.benchmarkCells(['90000'], columns, 3))).toBeUndefined();
  });
});
