import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getDefaultDataset } from '../default-dataset.js';
import { expectValidationErrorAt } from '../errors/expect-validation-error.test-support.js';
import { isInconsistentQueryError, isNoDataError, isUnknownReferenceError } from '../errors/index.js';
import { estimateSalary } from './estimate-salary.js';

const ds = getDefaultDataset();
const SF = 'us-ca-san-francisco';
const within = (actual: number, expected: number, tolerance: number) =>
  expect(Math.abs(actual / expected - 1), `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);

describe('estimateSalary against the source figures (SPEC §4)', () => {
  it('national, all levels: mean base 85,504 and bonus 1,096', () => {
    const e = estimateSalary(ds, {});
    within(e.base.mean, 85_504, 0.005);
    within(e.bonus.mean, 1_096, 0.005);
    expect(e.region).toBe('us');
    expect(e.level).toBeNull();
    expect(e.asOf).toBe('2025-01-01');
  });

  it('San Francisco, all levels: mean base about 100,081', () => {
    within(estimateSalary(ds, { region: SF }).base.mean, 100_081, 0.005);
  });

  it('entry and mid medians are the article figures', () => {
    within(estimateSalary(ds, { level: 'entry' }).base.p50, 80_000, 0.01);
    within(estimateSalary(ds, { level: 'mid' }).base.p50, 90_000, 0.01);
  });

  it('senior sits at or over 100,000 and below manager, which is at least 150,000; both flagged as lower bounds', () => {
    const senior = estimateSalary(ds, { level: 'senior' });
    const manager = estimateSalary(ds, { level: 'manager' });
    expect(senior.base.p50).toBeGreaterThanOrEqual(100_000);
    expect(senior.base.p50).toBeLessThan(manager.base.p50);
    expect(manager.base.p50).toBeGreaterThanOrEqual(150_000);
    expect(senior.flags).toContain('lower-bound');
    expect(manager.flags).toContain('lower-bound');
  });

  it('manager cannot be had with under 5 years', () => {
    expect(() => estimateSalary(ds, { level: 'manager', yearsExperience: 4 })).toThrow(
      expect.objectContaining({ name: 'InconsistentQueryError', path: 'yearsExperience' }),
    );
    const leader = ['leadership', 'decision-making', 'budgeting', 'team-building', 'dicom', 'hl7'];
    for (let years = 0; years < 5; years++) {
      expect(estimateSalary(ds, { yearsExperience: years, skills: leader }).level).not.toBe('manager');
    }
    expect(estimateSalary(ds, { yearsExperience: 5, skills: leader }).level).toBe('manager');
  });

  it('director is refused with a no-data error rather than an invented figure', () => {
    let error: unknown;
    try {
      estimateSalary(ds, { level: 'director' });
    } catch (e) {
      error = e;
    }
    expect(isNoDataError(error)).toBe(true);
    expect(error).toMatchObject({ path: 'level' });
  });

  it.each(['entry', 'mid', 'senior', 'manager', undefined])('SF ÷ US median is 1.1705 at level %s', (level) => {
    const q = level ? { level } : {};
    const ratio = estimateSalary(ds, { ...q, region: SF }).base.p50 / estimateSalary(ds, q).base.p50;
    expect(ratio).toBeCloseTo(1.1705, 3);
  });

  it('keeps the conflicting source apart: shown as alternatives, never in the figures', () => {
    const e = estimateSalary(ds, {});
    expect(e.flags).toContain('conflicting-sources');
    expect(e.alternatives.map((a) => a.value)).toEqual(expect.arrayContaining([73_321, 15_075, 404_726]));
    expect(e.sources.map((s) => s.id)).toEqual(expect.arrayContaining(['pbc-salary-average', 'pbc-salary-range', 'bls-oews-2024']));
  });

  it('labels a region without a source figure as a price-parity proxy with its source', () => {
    const e = estimateSalary(ds, { level: 'mid', region: 'us-tx-houston' });
    expect(e.flags).toContain('proxy-region-factor');
    expect(e.adjustments).toEqual([expect.objectContaining({ kind: 'region', sourceId: 'bea-rpp-metro-2024' })]);
    within(e.base.p50, 90_000 * 0.98629, 0.001);
  });

  it('ages figures only when asOf is given, at the regional rate where there is one', () => {
    const plain = estimateSalary(ds, { level: 'mid', region: 'us-ny-new-york' });
    expect(plain.adjustments.some((a) => a.kind === 'aging')).toBe(false);
    const aged = estimateSalary(ds, { level: 'mid', region: 'us-ny-new-york', asOf: '2026-01-01' });
    const aging = aged.adjustments.find((a) => a.kind === 'aging');
    expect(aging?.factor).toBeCloseTo(1.025, 3);
    expect(aged.flags).toContain('aged');
    expect(aged.asOf).toBe('2026-01-01');
    expect(estimateSalary(ds, { level: 'mid', asOf: '2035-01-01' }).flags).toContain('extrapolated');
  });

  it('percentiles are ordered and total adds the bonus', () => {
    const e = estimateSalary(ds, { level: 'senior', region: 'us-ak' });
    const b = e.base;
    expect(b.p10).toBeLessThan(b.p25);
    expect(b.p25).toBeLessThan(b.p50);
    expect(b.p50).toBeLessThan(b.p75);
    expect(b.p75).toBeLessThan(b.p90);
    expect(Math.abs(e.total.mean - (b.mean + e.bonus.mean))).toBeLessThanOrEqual(1);
  });
});

describe('estimateSalary errors name the field', () => {
  it.each([
    [{ region: 'us-xx' }, 'region', isUnknownReferenceError],
    [{ level: 'wizard' }, 'level', isUnknownReferenceError],
    [{ role: 'astronaut' }, 'role', isUnknownReferenceError],
    [{ skills: ['dicom', 'juggling'] }, 'skills.1', isUnknownReferenceError],
    [{ education: 'phd-in-magic' }, 'education', isUnknownReferenceError],
  ] as const)('%j → %s', (query, path, guard) => {
    try {
      estimateSalary(ds, query);
      expect.unreachable();
    } catch (error) {
      expect(guard(error)).toBe(true);
      expect(error).toMatchObject({ path });
    }
  });

  it.each([
    [{ yearsExperience: -1 }, 'yearsExperience'],
    [{ yearsExperience: 'ten' }, 'yearsExperience'],
    [{ asOf: '2025-13-45' }, 'asOf'],
    [{ region: 'Not An Id!' }, 'region'],
    [{ levle: 'mid' }, 'levle'],
  ])('%j is a validation error at %s', (query, path) => {
    expectValidationErrorAt(() => estimateSalary(ds, query as never), path);
  });

  it('accepts ids in any case and with spaces around them', () => {
    expect(estimateSalary(ds, { level: ' MID ', region: 'US-CA-San-Francisco' }).level).toBe('mid');
  });

  it('refuses the inconsistent query rather than guessing', () => {
    let error: unknown;
    try {
      estimateSalary(ds, { level: 'manager', yearsExperience: 1 });
    } catch (e) {
      error = e;
    }
    expect(isInconsistentQueryError(error)).toBe(true);
    expect(String((error as Error).message)).toMatch(/at least 5 years/);
  });
});

describe('estimateSalary properties', () => {
  const skillIds = ds.skills.all.map((s) => s.id);
  const regionIds = ds.regions.all.map((r) => r.id);
  const educationIds = ds.education.all.map((e) => e.id);

  it('base.p50 never decreases as years grow, skills, education and region fixed', () => {
    fc.assert(
      fc.property(
        fc.subarray(skillIds),
        fc.option(fc.constantFrom(...educationIds), { nil: undefined }),
        fc.constantFrom(...regionIds),
        (skills, education, region) => {
          let previous = 0;
          for (let years = 0; years <= 30; years += 0.5) {
            const p50 = estimateSalary(ds, { yearsExperience: years, skills, region, ...(education ? { education } : {}) }).base.p50;
            expect(p50).toBeGreaterThanOrEqual(previous);
            previous = p50;
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('the regional factor is the same at every level', () => {
    fc.assert(
      fc.property(fc.constantFrom(...regionIds), (region) => {
        const ratios = ['entry', 'mid', 'senior', 'manager'].map(
          (level) => estimateSalary(ds, { level, region }).base.p50 / estimateSalary(ds, { level }).base.p50,
        );
        for (const r of ratios) expect(r).toBeCloseTo(ratios[0] ?? 0, 3);
      }),
    );
  });

  it('does not mutate its input', () => {
    const query = Object.freeze({ level: 'mid', skills: Object.freeze(['dicom']) as string[], region: SF });
    expect(() => estimateSalary(ds, query)).not.toThrow();
  });
});

describe('estimateSalary shares what does not depend on the query', () => {
  const isDeeplyFrozen = (value: unknown): boolean =>
    typeof value !== 'object' || value === null || (Object.isFrozen(value) && Object.values(value).every(isDeeplyFrozen));

  it('answers equal queries for a level asked for (no flags or notes of their own, not aged) with one frozen estimate', () => {
    const a = estimateSalary(ds, { level: 'mid', region: SF, yearsExperience: 6.25 });
    const b = estimateSalary(ds, { level: 'mid', region: SF, skills: ['dicom'], education: 'bachelors' });
    expect(b).toBe(a);
    expect(isDeeplyFrozen(a)).toBe(true);
    const aged = estimateSalary(ds, { level: 'mid', region: SF, asOf: '2026-01-01' });
    expect(aged).not.toBe(a);
    expect(aged.base).not.toBe(a.base);
    expect(estimateSalary(ds, { level: 'mid', region: 'us-tx-houston' }).base).not.toEqual(a.base);
  });

  it('gives inferred levels their own notes and flags but the same frozen pay figures', () => {
    const a = estimateSalary(ds, { yearsExperience: 3.5, region: SF });
    const b = estimateSalary(ds, { yearsExperience: 3.75, region: SF });
    expect(a.level).toBe(b.level);
    expect(a).not.toBe(b);
    expect(a.notes).not.toEqual(b.notes);
    for (const key of ['base', 'bonus', 'total', 'basis', 'spread', 'sources'] as const) expect(b[key]).toBe(a[key]);
    for (const e of [a, b]) expect(isDeeplyFrozen(e)).toBe(true);
    expect(estimateSalary(ds, { level: a.level ?? '', region: SF }).base).toBe(a.base);
  });
});
