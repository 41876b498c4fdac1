import { describe, expect, it } from 'vitest';
import { buildDataset } from '../dataset/build-dataset.js';
import { getDefaultDataset } from '../default-dataset.js';
import { expectValidationErrorAt } from '../errors/expect-validation-error.test-support.js';
import { DEFAULT_DATA_FILES } from '../generated/default-data.js';
import { resolveProfile } from '../model/resolve-profile.js';
import { EstimateQuerySchema } from '../schemas/estimate.js';
import { benchmarkOffer } from './benchmark-offer.js';
import { computeEstimate, estimateSalary } from './estimate-salary.js';
import { createQueryMemo, freezeResult, hashProfileQuery } from './query-memo.js';

const ds = getDefaultDataset();

const isDeeplyFrozen = (value: unknown): boolean =>
  typeof value !== 'object' || value === null || (Object.isFrozen(value) && Object.values(value).every(isDeeplyFrozen));

describe('hashProfileQuery', () => {
  it('is the same for the same fields in any order, and differs when a field differs', () => {
    const a = hashProfileQuery({ level: 'mid', region: 'us', skills: ['dicom', 'hl7'], yearsExperience: 4 });
    expect(a).toBeGreaterThanOrEqual(0);
    expect(hashProfileQuery({ yearsExperience: 4, skills: ['dicom', 'hl7'], region: 'us', level: 'mid' })).toBe(a);
    for (const other of [
      { level: 'mid', region: 'us', skills: ['hl7', 'dicom'], yearsExperience: 4 },
      { level: 'mid', region: 'us', skills: ['dicom'], yearsExperience: 4 },
      { level: 'mid', region: 'us', skills: ['dicom', 'hl7'], yearsExperience: 4.5 },
      { level: 'mid', region: 'us', skills: ['dicom', 'hl7'] },
      { level: 'MID', region: 'us', skills: ['dicom', 'hl7'], yearsExperience: 4 },
      { level: 'mid', region: 'us', skills: ['dicom', 'hl7'], yearsExperience: 4, asOf: '2026-01-01' },
      { level: 'mid', education: 'us', skills: ['dicom', 'hl7'], yearsExperience: 4 },
    ]) {
      expect(hashProfileQuery(other)).not.toBe(a);
    }
  });

  it('gives -1 (not memoised) to anything the schema must judge: unknown fields, wrong types, non-objects', () => {
    for (const query of [
      { levle: 'mid' },
      { level: 5 },
      { skills: 'dicom' },
      { skills: ['dicom', 3] },
      { yearsExperience: '4' },
      { offer: { base: 1 } },
      null,
      'mid',
      [],
    ]) {
      expect(hashProfileQuery(query)).toBe(-1);
    }
    expect(hashProfileQuery({ level: 'mid', offer: { base: 1 } }, 'offer')).toBe(hashProfileQuery({ level: 'mid' }));
  });

  it('hashes an id the same whether it is a known catalogue id (looked up) or not (hashed character by character)', () => {
    estimateSalary(ds, {}); // the memo has seen the default data set: its ids are looked up
    const known = { level: 'mid', region: 'us-ca-san-francisco', skills: ['dicom', 'hl7'] };
    // The same text in strings V8 built at run time, and ids no data set knows.
    const rebuilt = { level: ['m', 'i', 'd'].join(''), region: 'us-ca-san-'.concat('francisco'), skills: ['di'.concat('com'), 'hl7'] };
    expect(hashProfileQuery(rebuilt)).toBe(hashProfileQuery(known));
    expect(hashProfileQuery({ level: 'mid', region: 'us-ca-san-fran' })).not.toBe(
      hashProfileQuery({ level: 'mid', region: 'us-ca-san-francisco' }),
    );
    expect(hashProfileQuery({ skills: ['not-a-skill'] })).toBe(hashProfileQuery({ skills: ['not-a-'.concat('skill')] }));
  });
});

describe('createQueryMemo', () => {
  it('answers only a query with the same fields, even when two hashes collide', () => {
    const memo = createQueryMemo<string>(10);
    expect(memo.get(ds, 7, { level: 'mid', skills: ['dicom'] })).toBeUndefined();
    memo.offer(ds, 7, { level: 'mid', skills: ['dicom'] }, 'mid');
    expect(memo.get(ds, 7, { level: 'mid', skills: ['dicom'] }), 'kept only when offered twice').toBeUndefined();
    memo.offer(ds, 7, { level: 'mid', skills: ['dicom'] }, 'mid');
    expect(memo.get(ds, 7, { skills: ['dicom'], level: 'mid' })).toBe('mid');
    expect(memo.get(ds, 7, { level: 'mid', skills: ['hl7'] })).toBeUndefined();
    expect(memo.get(ds, 7, { level: 'mid' })).toBeUndefined();
    expect(memo.get(ds, 7, { level: 'senior', skills: ['dicom'] })).toBeUndefined();
  });

  it('keeps two queries asked in turn even when their hashes share a doorkeeper bucket', () => {
    const memo = createQueryMemo<string>(10);
    for (let i = 0; i < 2; i++) {
      memo.offer(ds, 1, { level: 'a' }, 'a');
      memo.offer(ds, 1 + 4096, { level: 'b' }, 'b');
    }
    expect([memo.get(ds, 1, { level: 'a' }), memo.get(ds, 1 + 4096, { level: 'b' })]).toEqual(['a', 'b']);
  });

  it('compares the stored fields with the query it is given, not with the last query hashed', () => {
    const memo = createQueryMemo<string>(10);
    const a = { level: 'mid', skills: ['dicom'] };
    const hash = hashProfileQuery(a);
    memo.offer(ds, hash, a, 'a');
    memo.offer(ds, hash, a, 'a');
    hashProfileQuery(a);
    expect(memo.get(ds, hash, { level: 'senior', skills: ['dicom'] })).toBeUndefined();
    expect(memo.get(ds, hash, a)).toBe('a');
    hashProfileQuery(a);
    expect(memo.get(ds, hash, a)).toBe('a');
  });

  it('keeps its own copy of the skills, so changing the query afterwards changes nothing', () => {
    const memo = createQueryMemo<string>(10);
    const query = { skills: ['dicom'] };
    memo.offer(ds, 1, query, 'x');
    memo.offer(ds, 1, query, 'x');
    query.skills.push('hl7');
    expect(memo.get(ds, 1, query)).toBeUndefined();
    expect(memo.get(ds, 1, { skills: ['dicom'] })).toBe('x');
  });

  it('keeps at most its capacity, dropping the oldest entry first, per data set', () => {
    const memo = createQueryMemo<number>(2);
    const other = buildDataset(DEFAULT_DATA_FILES);
    for (const [hash, level] of [
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
    ] as const) {
      memo.offer(ds, hash, { level }, hash);
      memo.offer(ds, hash, { level }, hash);
    }
    expect([memo.get(ds, 1, { level: 'a' }), memo.get(ds, 2, { level: 'b' }), memo.get(ds, 3, { level: 'c' })]).toEqual([undefined, 2, 3]);
    expect(memo.get(other, 2, { level: 'b' })).toBeUndefined();
  });
});

describe('memoised insights', () => {
  const queries = [
    {},
    { level: 'mid', region: 'us-ca-san-francisco', skills: ['dicom', 'hl7'] },
    { yearsExperience: 7, region: 'us-ny-new-york', education: 'bachelors' },
    { level: 'senior', region: 'us-tx-houston', asOf: '2027-03-01' },
  ];

  it('estimateSalary answers a repeated query with the same deeply frozen result, equal to a fresh computation', () => {
    for (const query of queries) {
      const first = estimateSalary(ds, query);
      expect(isDeeplyFrozen(first)).toBe(true);
      const second = estimateSalary(ds, { ...query });
      expect(second).toEqual(first);
      expect(estimateSalary(ds, { ...query })).toBe(second);
      const q = EstimateQuerySchema.parse(query);
      expect(first).toEqual(computeEstimate(ds, resolveProfile(ds, q), q.asOf));
    }
  });

  it('a different data set gets its own answers', () => {
    const other = buildDataset(DEFAULT_DATA_FILES);
    const query = { level: 'entry', region: 'us-ak' };
    expect(estimateSalary(other, query)).not.toBe(estimateSalary(ds, query));
    expect(estimateSalary(other, query)).toEqual(estimateSalary(ds, query));
  });

  it('benchmarkOffer reuses the market of a known profile but still validates every offer', () => {
    benchmarkOffer(ds, { level: 'mid', offer: { base: 70_000 } });
    const a = benchmarkOffer(ds, { level: 'mid', offer: { base: 80_000 } });
    const b = benchmarkOffer(ds, { level: 'mid', offer: { base: 100_000, bonus: 5_000 } });
    expect(b.market).toBe(a.market);
    expect(isDeeplyFrozen(b)).toBe(true);
    expect(b.total.offer).toBe(105_000);
    for (const [offer, path] of [
      [{ base: -5 }, 'offer.base'],
      [undefined, 'offer'],
      [{ base: 90_000, stock: 5 }, 'offer.stock'],
    ] as const) {
      expectValidationErrorAt(() => benchmarkOffer(ds, { level: 'mid', offer: offer as never }), path);
    }
  });

  it('a query the schema refuses is refused every time, not cached', () => {
    for (let i = 0; i < 2; i++) expect(() => estimateSalary(ds, { level: 'mid', yearsExperience: -1 })).toThrow();
  });
});

describe('freezeResult', () => {
  it('freezes nested objects and arrays, and returns its argument', () => {
    const value = { a: { b: [1, { c: 2 }] } };
    expect(freezeResult(value)).toBe(value);
    expect(isDeeplyFrozen(value)).toBe(true);
  });
});
