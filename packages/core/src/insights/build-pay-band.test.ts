import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getDefaultDataset } from '../default-dataset.js';
import { isNoDataError, isValidationError } from '../errors/index.js';
import { PayBandSchema } from '../schemas/pay-band.js';
import { buildPayBand } from './build-pay-band.js';

const ds = getDefaultDataset();

describe('buildPayBand', () => {
  it('a 40% spread around the $90,000 mid median: 75,000 – 90,000 – 105,000', () => {
    const band = buildPayBand(ds, { level: 'mid', spreadPercent: 40 });
    expect([band.min, band.midpoint, band.max]).toEqual([75_000, 90_000, 105_000]);
    expect(band.spreadPercent).toBe(40);
    expect(band.method).toBe('spread');
    expect(band.position.min).toBeLessThan(50);
    expect(band.position.max).toBeGreaterThan(50);
    expect(buildPayBand(ds, { level: 'mid' }).spreadPercent).toBe(40);
  });

  it('percentile bands take the market quartiles or deciles', () => {
    const quartiles = buildPayBand(ds, { level: 'mid', method: 'percentiles' });
    expect([quartiles.min, quartiles.midpoint, quartiles.max]).toEqual([
      quartiles.market.base.p25,
      quartiles.market.base.p50,
      quartiles.market.base.p75,
    ]);
    expect(quartiles.percentiles).toBe('p25-p75');
    expect(quartiles.position.min).toBeCloseTo(25, 0);
    expect(quartiles.position.max).toBeCloseTo(75, 0);
    const deciles = buildPayBand(ds, { level: 'mid', method: 'percentiles', percentiles: 'p10-p90' });
    expect([deciles.min, deciles.max]).toEqual([deciles.market.base.p10, deciles.market.base.p90]);
    expect(deciles.spreadPercent).toBeCloseTo((deciles.max / deciles.min - 1) * 100, 1);
  });

  it('follows the region: San Francisco is ×1.1705', () => {
    const band = buildPayBand(ds, { level: 'mid', region: 'us-ca-san-francisco' });
    expect(band.midpoint / 90_000).toBeCloseTo(1.1705, 3);
    expect(band.region).toBe('us-ca-san-francisco');
  });

  it('any spread: (max − min) ÷ min is the spread asked and the midpoint is halfway', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 300, noNaN: true }), fc.constantFrom('entry', 'mid', 'senior', 'manager'), (s, level) => {
        const band = buildPayBand(ds, { level, spreadPercent: s });
        expect(band.min).toBeLessThan(band.midpoint);
        expect(band.midpoint).toBeLessThan(band.max);
        expect(Math.abs((band.min + band.max) / 2 - band.midpoint)).toBeLessThanOrEqual(1);
        expect(Math.abs(band.spreadPercent - s)).toBeLessThan(0.02);
      }),
    );
  });

  it('refuses options that do not go together, a zero spread and a level without pay', () => {
    const paths = (q: unknown) => {
      try {
        buildPayBand(ds, q as never);
      } catch (error) {
        if (isValidationError(error)) return error.issues.map((i) => i.path);
        throw error;
      }
      return [];
    };
    expect(paths({ level: 'mid', percentiles: 'p10-p90' })).toEqual(['percentiles']);
    expect(paths({ level: 'mid', method: 'percentiles', spreadPercent: 30 })).toEqual(['spreadPercent']);
    expect(paths({ level: 'mid', spreadPercent: 0 })).toEqual(['spreadPercent']);
    try {
      buildPayBand(ds, { level: 'director' });
      expect.unreachable();
    } catch (error) {
      expect(isNoDataError(error)).toBe(true);
    }
  });

  it('answers in the shape of its schema', () => {
    expect(() => PayBandSchema.parse(buildPayBand(ds, { level: 'mid' }))).not.toThrow();
  });

  it('does not mutate its input', () => {
    const query = Object.freeze({ level: 'senior', region: 'us-ny-new-york', method: 'percentiles' as const });
    expect(() => buildPayBand(ds, query)).not.toThrow();
    expect(query).toEqual({ level: 'senior', region: 'us-ny-new-york', method: 'percentiles' });
  });
});
