import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getDefaultDataset } from '../default-dataset.js';
import { isNoDataError, isValidationError } from '../errors/index.js';
import type { ProjectionPoint } from '../schemas/projection.js';
import { ProjectionSchema } from '../schemas/projection.js';
import { projectPay } from './project-pay.js';

const ds = getDefaultDataset();
const NY = 'us-ny-new-york';
// BLS OEWS SOC 15-1244 medians: $95,360 (May 2023) → $96,800 (May 2024).
const NATIONAL_RATE = 96_800 / 95_360 - 1;

/** Year-over-year ratios between consecutive years at the same level. */
const withinLevelRatios = (series: readonly ProjectionPoint[]) =>
  series.slice(1).flatMap((p, i) => {
    const prev = series[i];
    return prev && prev.level === p.level ? [p.base.p50 / prev.base.p50] : [];
  });

describe('projectPay (SPEC §4)', () => {
  it('in New York the yearly raise lies between 2% and 3%, with low and high paths beside the mid one', () => {
    const p = projectPay(ds, { level: 'mid', yearsExperience: 2, region: NY, horizonYears: 10 });
    expect(p.raise).toMatchObject({ scope: 'region', low: 0.02, mid: 0.025, high: 0.03, sourceId: 'pbc-salary-average' });
    const ratios = withinLevelRatios(p.series);
    expect(ratios.length).toBeGreaterThan(5);
    for (const r of ratios) {
      expect(r).toBeGreaterThanOrEqual(1.02);
      expect(r).toBeLessThanOrEqual(1.03);
      expect(r).toBeCloseTo(1.025, 4);
    }
    for (const r of withinLevelRatios(p.low ?? [])) expect(r).toBeCloseTo(1.02, 4);
    for (const r of withinLevelRatios(p.high ?? [])) expect(r).toBeCloseTo(1.03, 4);
    expect(p.assumptions[0]).toMatchObject({ basis: 'sourced', sourceId: 'pbc-salary-average' });
  });

  it('elsewhere uses the national rate from BLS OEWS, with no low and high paths', () => {
    const p = projectPay(ds, { level: 'entry', yearsExperience: 0, horizonYears: 1 });
    expect(p.raise.scope).toBe('national');
    expect(p.raise.mid).toBeCloseTo(NATIONAL_RATE, 10);
    expect(p.raise.sourceId).toBe('bls-oews-2024');
    expect(p.low).toBeUndefined();
    expect(p.high).toBeUndefined();
    expect(p.series.map((s) => s.base.p50)).toEqual([80_000, Math.round(80_000 * (1 + NATIONAL_RATE))]);
  });

  it('promotes when the person becomes eligible and moves pay to the new median aged by the raises so far', () => {
    const p = projectPay(ds, { yearsExperience: 2, horizonYears: 5 });
    expect(p.startLevel).toBe('mid');
    expect(p.series.map((s) => s.level)).toEqual(['mid', 'mid', 'mid', 'senior', 'senior', 'senior']);
    const promotion = p.series[3];
    expect(promotion?.promoted).toBe(true);
    expect(promotion?.reason).toBe('promoted to senior: 5 years reached');
    expect(promotion?.yearsExperience).toBe(5);
    expect(promotion?.base.p50).toBe(Math.round(100_000 * (1 + NATIONAL_RATE) ** 3));
    expect(p.series[4]?.reason).toMatch(/raise/);
  });

  it('reaches manager at 5 years only with the leadership skills', () => {
    const skills = ['leadership', 'decision-making', 'budgeting', 'team-building'];
    const p = projectPay(ds, { yearsExperience: 3, skills, education: 'bachelors', region: NY, horizonYears: 3 });
    expect(p.series.map((s) => s.level)).toEqual(['mid', 'mid', 'manager', 'manager']);
    expect(p.series[2]?.reason).toMatch(/^promoted to manager: 5 years reached/);
    expect(projectPay(ds, { yearsExperience: 3, horizonYears: 3 }).series.at(-1)?.level).toBe('senior');
  });

  it('runs from the source year, or from startYear with the figures aged to it', () => {
    const p = projectPay(ds, { level: 'mid', horizonYears: 3 });
    expect(p.series.map((s) => s.year)).toEqual([2025, 2026, 2027, 2028]);
    expect(p.assumptions.map((a) => a.description).join(' ')).toMatch(/minimum of 2 years/);
    const later = projectPay(ds, { level: 'mid', horizonYears: 3, startYear: 2027 });
    expect(later.series[0]?.year).toBe(2027);
    expect(later.series[0]?.base.p50).toBeGreaterThan(90_000);
  });

  it('refuses a horizon outside 1–40 and a level without pay', () => {
    for (const horizonYears of [0, 41, 2.5]) {
      try {
        projectPay(ds, { horizonYears });
        expect.unreachable();
      } catch (error) {
        expect(isValidationError(error) && error.issues[0]?.path).toBe('horizonYears');
      }
    }
    try {
      projectPay(ds, { level: 'director', horizonYears: 5 });
      expect.unreachable();
    } catch (error) {
      expect(isNoDataError(error)).toBe(true);
    }
  });

  it('pay never decreases year over year, and total stays over base', () => {
    const skillIds = ds.skills.all.map((s) => s.id);
    const regionIds = [NY, 'us', 'us-ca-san-francisco', 'us-tx-houston', 'us-ak'];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.subarray(skillIds),
        fc.constantFrom(...regionIds),
        fc.integer({ min: 1, max: 40 }),
        (years, skills, region, horizonYears) => {
          const p = projectPay(ds, { yearsExperience: years, skills, region, education: 'bachelors', horizonYears });
          expect(p.series).toHaveLength(horizonYears + 1);
          for (const path of [p.series, p.low ?? [], p.high ?? []]) {
            for (let i = 1; i < path.length; i++) {
              expect(path[i]?.base.p50).toBeGreaterThanOrEqual(path[i - 1]?.base.p50 ?? 0);
              expect(path[i]?.total.p50).toBeGreaterThanOrEqual(path[i]?.base.p50 ?? 0);
            }
          }
          p.low?.forEach((pt, i) => {
            expect(pt.base.p50).toBeLessThanOrEqual(p.series[i]?.base.p50 ?? 0);
            expect(p.high?.[i]?.base.p50).toBeGreaterThanOrEqual(p.series[i]?.base.p50 ?? 0);
          });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('answers in the shape of its schema', () => {
    expect(() => ProjectionSchema.parse(projectPay(ds, { region: NY, horizonYears: 5 }))).not.toThrow();
  });

  it('does not mutate its input', () => {
    const query = Object.freeze({ yearsExperience: 2, skills: Object.freeze(['dicom']) as string[], region: NY, horizonYears: 4 });
    const copy = structuredClone(query);
    expect(() => projectPay(ds, query)).not.toThrow();
    expect(query).toEqual(copy);
  });
});
