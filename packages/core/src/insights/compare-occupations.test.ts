import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getDefaultDataset } from '../default-dataset.js';
import { isNoDataError, isValidationError } from '../errors/index.js';
import { OccupationComparisonSchema } from '../schemas/occupation-comparison.js';
import { compareOccupations } from './compare-occupations.js';

const ds = getDefaultDataset();
// Standard normal 10th/90th and 25th/75th percentiles are ∓1.28155 and ∓0.67449.
const fromDeciles = (x: number, median: number, p10: number, p90: number) =>
  100 * normalCdf(Math.log(x / median) / (Math.log(p90 / p10) / (2 * 1.2815515655)), 0, 1);
const fromQuartiles = (x: number, median: number, p25: number, p75: number) =>
  100 * normalCdf(Math.log(x / median) / (Math.log(p75 / p25) / (2 * 0.6744897502)), 0, 1);

describe('compareOccupations', () => {
  it('mid-level PACS pay against the mapped BLS OEWS May 2024 occupations, mapping labelled judgement', () => {
    const c = compareOccupations(ds, { level: 'mid' });
    expect(c.pacs.p50).toBe(90_000);
    expect(c.occupations.map((o) => [o.soc, o.relation])).toEqual([
      ['15-1244', 'primary'],
      ['15-1211', 'neighbour'],
      ['29-9021', 'neighbour'],
    ]);
    const admins = c.occupations[0];
    expect(admins).toMatchObject({ year: 2024, sourceId: 'bls-oews-2024', mapping: { basis: 'judgement', levelId: null } });
    expect(admins?.wages).toEqual({ mean: 101_190, p10: 60_320, p25: 75_860, median: 96_800, p75: 123_390, p90: 150_320 });
    expect(admins?.fit.method).toBe('deciles');
    expect(admins?.pacsPercentile).toBeCloseTo(fromDeciles(90_000, 96_800, 60_320, 150_320), 1);
    expect(admins?.pacsToMedian).toBeCloseTo(90_000 / 96_800, 4);
    const hit = c.occupations[2];
    expect(hit?.pacsPercentile).toBeCloseTo(fromDeciles(90_000, 67_310, 39_120, 112_130), 1);
    expect(c.notes.join(' ')).toMatch(/judgement/);
  });

  it('managers meet their own occupation first, fitted from quartiles because p90 is top-coded', () => {
    const c = compareOccupations(ds, { level: 'manager' });
    const first = c.occupations[0];
    expect(first).toMatchObject({ soc: '11-3021', relation: 'primary', mapping: { levelId: 'manager' }, wages: { p90: null } });
    expect(first?.fit.method).toBe('quartiles');
    expect(first?.pacsPercentile).toBeCloseTo(fromQuartiles(150_000, 171_200, 134_350, 216_220), 1);
    expect(c.notes.join(' ')).toMatch(/floor/);
  });

  it("scope 'all' adds every other occupation, unmapped", () => {
    const c = compareOccupations(ds, { level: 'mid', scope: 'all' });
    expect(c.occupations).toHaveLength(new Set(ds.occupations.map((o) => o.soc)).size);
    const other = c.occupations.find((o) => o.soc === '15-1212');
    expect(other).toMatchObject({ relation: 'unmapped', mapping: null });
  });

  it('a higher median sits higher in every occupation; percentile over 50 exactly when over the median', () => {
    const levels = ['entry', 'mid', 'senior', 'manager'];
    fc.assert(
      fc.property(fc.constantFrom(...levels), fc.constantFrom(...levels), (a, b) => {
        const ca = compareOccupations(ds, { level: a, scope: 'all' });
        const cb = compareOccupations(ds, { level: b, scope: 'all' });
        for (const o of ca.occupations) {
          const p = cb.occupations.find((x) => x.soc === o.soc);
          if (ca.pacs.p50 <= cb.pacs.p50) expect(o.pacsPercentile).toBeLessThanOrEqual(p?.pacsPercentile ?? 100);
          expect(o.pacsPercentile > 50).toBe(o.pacsToMedian > 1);
        }
      }),
      { numRuns: 16 },
    );
  });

  it('refuses a level without pay and a bad scope', () => {
    try {
      compareOccupations(ds, { level: 'director' });
      expect.unreachable();
    } catch (error) {
      expect(isNoDataError(error)).toBe(true);
    }
    try {
      compareOccupations(ds, { scope: 'some' as never });
      expect.unreachable();
    } catch (error) {
      expect(isValidationError(error) && error.issues[0]?.path).toBe('scope');
    }
  });

  it('answers in the shape of its schema', () => {
    expect(() => OccupationComparisonSchema.parse(compareOccupations(ds, { scope: 'all' }))).not.toThrow();
  });

  it('does not mutate its input', () => {
    const query = Object.freeze({ yearsExperience: 6, skills: Object.freeze(['dicom']) as string[] });
    expect(() => compareOccupations(ds, query)).not.toThrow();
    expect(query).toEqual({ yearsExperience: 6, skills: ['dicom'] });
  });
});
