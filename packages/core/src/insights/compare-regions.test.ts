import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getDefaultDataset } from '../default-dataset.js';
import { isUnknownReferenceError, isValidationError } from '../errors/index.js';
import { RegionComparisonSchema } from '../schemas/region-comparison.js';
import { compareRegions } from './compare-regions.js';

const ds = getDefaultDataset();
const NY = 'us-ny-new-york';
const SF = 'us-ca-san-francisco';

describe('compareRegions', () => {
  const c = compareRegions(ds, { level: 'mid', regions: [NY, 'us-tx-houston', 'us', SF, 'us-ny'] });
  const row = (id: string) => c.regions.find((r) => r.region === id);

  it('New York: nominal pay by the BEA proxy, purchasing power back at national, OPM view beside it', () => {
    const ny = row(NY);
    // RPP 112.563 (BEA 2024) on the $90,000 mid median.
    expect(ny?.nominal.p50).toBe(Math.round(90_000 * 1.12563));
    expect(ny?.factor).toMatchObject({ kind: 'price-parity-proxy', sourceId: 'bea-rpp-metro-2024' });
    expect(ny?.purchasingPower).toMatchObject({ rpp: 112.563, rppYear: 2024, rppRegion: NY, sourceId: 'bea-rpp-metro-2024' });
    expect(ny?.purchasingPower?.p50).toBe(Math.round((ny?.nominal.p50 ?? 0) / 1.12563));
    // OPM 2026: New York 37.95%, Rest of U.S. 17.06%.
    expect(ny?.labourMarket).toMatchObject({
      opmLocalityPercent: 37.95,
      restOfUsPercent: 17.06,
      year: 2026,
      sourceId: 'opm-gs-locality-2026',
    });
    expect(ny?.labourMarket?.ratio).toBeCloseTo(1.3795 / 1.1706, 4);
  });

  it('San Francisco: the direct article factor, deflated by its own RPP', () => {
    const sf = row(SF);
    expect(sf?.factor.kind).toBe('direct');
    expect(sf?.factor.value).toBeCloseTo(100_081 / 85_504, 4);
    expect(sf?.purchasingPower?.p50).toBe(Math.round((sf?.nominal.p50 ?? 0) / 1.15613));
    expect(sf?.labourMarket?.ratio).toBeCloseTo(1.4634 / 1.1706, 4);
  });

  it('the national region is the reference; a region outside the OPM areas has no labour-market view', () => {
    expect(row('us')).toMatchObject({ nominal: { p50: 90_000 }, factor: { kind: 'national', value: 1 } });
    expect(row('us')?.labourMarket?.ratio).toBe(1);
    expect(row('us-ny')?.labourMarket).toBeNull();
    expect(row('us-ny')?.purchasingPower?.rpp).toBe(107.921);
  });

  it('ranks by nominal and by purchasing power, keeping the order asked for the rows', () => {
    expect(c.regions.map((r) => r.region)).toEqual([NY, 'us-tx-houston', 'us', SF, 'us-ny']);
    expect(c.rankedByNominal[0]).toBe(SF);
    expect(row(SF)?.rank.nominal).toBe(1);
    expect(c.rankedByPurchasingPower[0]).toBe(SF);
    expect(c.level).toBe('mid');
  });

  it('ranks are permutations, and follow the values', () => {
    const ids = ds.regions.all.map((r) => r.id);
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...ids), { minLength: 1, maxLength: 25 }), (regions) => {
        const result = compareRegions(ds, { level: 'senior', regions });
        const n = regions.length;
        const expected = Array.from({ length: n }, (_, i) => i + 1);
        expect(result.regions.map((r) => r.rank.nominal).sort((a, b) => a - b)).toEqual(expected);
        expect([...result.rankedByNominal].sort()).toEqual([...regions].sort());
        const pp = result.regions.flatMap((r) => (r.rank.purchasingPower === null ? [] : [r.rank.purchasingPower]));
        expect(pp.sort((a, b) => a - b)).toEqual(Array.from({ length: pp.length }, (_, i) => i + 1));
        const nominal = result.rankedByNominal.map((id) => result.regions.find((r) => r.region === id)?.nominal.p50 ?? 0);
        for (let i = 1; i < nominal.length; i++) expect(nominal[i]).toBeLessThanOrEqual(nominal[i - 1] ?? 0);
      }),
      { numRuns: 50 },
    );
  });

  it('names the offending region by its position', () => {
    try {
      compareRegions(ds, { regions: ['us', 'us-zz'] });
      expect.unreachable();
    } catch (error) {
      expect(isUnknownReferenceError(error) && error.path).toBe('regions.1');
    }
    const issues = (q: unknown) => {
      try {
        compareRegions(ds, q as never);
      } catch (error) {
        if (isValidationError(error)) return error.issues.map((i) => i.path);
        throw error;
      }
      return [];
    };
    expect(issues({ regions: ['us', NY, 'us'] })).toEqual(['regions.2']);
    expect(issues({ regions: [] })).toEqual(['regions']);
    expect(issues({ regions: ds.regions.all.slice(0, 26).map((r) => r.id) })).toEqual(['regions']);
    expect(issues({})).toEqual(['regions']);
  });

  it('answers in the shape of its schema', () => {
    expect(() => RegionComparisonSchema.parse(compareRegions(ds, { regions: ['us', NY] }))).not.toThrow();
  });

  it('does not mutate its input', () => {
    const query = Object.freeze({ level: 'mid', regions: Object.freeze([NY, SF]) as string[] });
    const copy = structuredClone(query);
    expect(() => compareRegions(ds, query)).not.toThrow();
    expect(query).toEqual(copy);
  });
});
