import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getDefaultDataset } from '../default-dataset.js';
import { expectValidationErrorAt } from '../errors/expect-validation-error.test-support.js';
import type { Benchmark } from '../schemas/benchmark.js';
import { benchmarkOffer, computeOfferBenchmark, judgeOffer } from './benchmark-offer.js';

const ds = getDefaultDataset();

describe('benchmarkOffer (SPEC §4)', () => {
  it('90,000 for a mid-level admin in the US is competitive, near the 50th percentile, compa-ratio 1.00', () => {
    const b = benchmarkOffer(ds, { level: 'mid', region: 'us', offer: { base: 90_000 } });
    expect(b.percentile).toBeGreaterThanOrEqual(45);
    expect(b.percentile).toBeLessThanOrEqual(55);
    expect(b.verdict).toBe('competitive');
    expect(b.compaRatio).toBeCloseTo(1, 2);
    expect(b.delta.amount).toBe(0);
    expect(b.market.level).toBe('mid');
  });

  it('60,000 is below market and 140,000 above', () => {
    expect(benchmarkOffer(ds, { level: 'mid', offer: { base: 60_000 } }).verdict).toBe('below-market');
    expect(benchmarkOffer(ds, { level: 'mid', offer: { base: 140_000 } }).verdict).toBe('above-market');
  });

  it('a low offer gets a counter-offer from the median to p75, and the gap in money and percent', () => {
    const b = benchmarkOffer(ds, { level: 'mid', offer: { base: 72_000, bonus: 1_000 } });
    expect(b.counterOffer.low).toBe(b.market.base.p50);
    expect(b.counterOffer.high).toBe(b.market.base.p75);
    expect(b.delta.amount).toBe(72_000 - 90_000);
    expect(b.delta.percent).toBeCloseTo(-20, 5);
    expect(b.total.offer).toBe(73_000);
    expect(b.rangePenetration).toBeGreaterThan(0);
    expect(b.rangePenetration).toBeLessThan(0.5);
  });

  it('the verdict boundaries are the market quartiles', () => {
    const { p25, p75 } = benchmarkOffer(ds, { level: 'mid', offer: { base: 1 } }).market.base;
    expect(benchmarkOffer(ds, { level: 'mid', offer: { base: p25 } }).verdict).toBe('competitive');
    expect(benchmarkOffer(ds, { level: 'mid', offer: { base: p25 - 1 } }).verdict).toBe('below-market');
    expect(benchmarkOffer(ds, { level: 'mid', offer: { base: p75 } }).verdict).toBe('competitive');
    expect(benchmarkOffer(ds, { level: 'mid', offer: { base: p75 + 1 } }).verdict).toBe('above-market');
  });

  it('names the offending field of a bad offer', () => {
    for (const [offer, path] of [
      [{ base: -5 }, 'offer.base'],
      [{}, 'offer.base'],
      [{ base: 90_000, bonus: 'lots' }, 'offer.bonus'],
      [{ base: 90_000, stock: 5 }, 'offer.stock'],
    ] as const) {
      expectValidationErrorAt(() => benchmarkOffer(ds, { level: 'mid', offer: offer as never }), path);
    }
  });

  it('percentile rises with the offer', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_000, max: 1_000_000 }), fc.integer({ min: 1, max: 100_000 }), (base, step) => {
        const a = benchmarkOffer(ds, { level: 'senior', offer: { base } }).percentile;
        const b = benchmarkOffer(ds, { level: 'senior', offer: { base: base + step } }).percentile;
        expect(b).toBeGreaterThanOrEqual(a);
      }),
    );
  });
});

describe('benchmarkOffer for a known profile', () => {
  it('shares one frozen counter-offer between offers under the median, and answers as judgeOffer does', () => {
    const profile = { level: 'senior', region: 'us-tx-houston' };
    const first = benchmarkOffer(ds, { ...profile, offer: { base: 50_000 } });
    benchmarkOffer(ds, { ...profile, offer: { base: 50_000 } }); // now memoised
    const answers = [40_000, 60_000, 500_000, 70_000, 120_000, 41_000].map((base) => benchmarkOffer(ds, { ...profile, offer: { base } }));
    const under = answers.filter((b) => b.verdict === 'below-market');
    expect(under.length).toBeGreaterThan(2);
    for (const b of under) expect(b.counterOffer).toBe(under[0]?.counterOffer);
    const market = answers[0]?.market as Benchmark['market'];
    expect(market).toEqual(first.market);
    for (const b of [first, ...answers]) {
      if (b !== first) expect(b.market).toBe(market);
      expect(JSON.stringify(b)).toBe(JSON.stringify(judgeOffer(market, { base: b.total.offer })));
      for (const part of [b, b.delta, b.counterOffer, b.total]) expect(Object.isFrozen(part)).toBe(true);
    }
  });
});

describe('judgeOffer and computeOfferBenchmark', () => {
  const market = benchmarkOffer(ds, { level: 'mid', offer: { base: 90_000 } }).market;
  const offers = [{ base: 60_000 }, { base: 90_000, bonus: 5_000 }, { base: 99_999.5 }, { base: 250_000, bonus: 0 }];

  it('give the same numbers; judgeOffer deeply frozen, computeOfferBenchmark not', () => {
    for (const offer of offers) {
      const frozen = judgeOffer(market, offer);
      const plain = computeOfferBenchmark(market, offer);
      expect(plain).toStrictEqual(frozen);
      expect(JSON.stringify(plain)).toBe(JSON.stringify(frozen));
      for (const part of [frozen, frozen.delta, frozen.counterOffer, frozen.total, frozen.market]) expect(Object.isFrozen(part)).toBe(true);
      expect(Object.isFrozen(plain)).toBe(false);
      expect(plain.market).toBe(market);
    }
  });
});
