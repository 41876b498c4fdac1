import { benchmarkOffer, estimateSalary, getDefaultDataset } from '@paylens/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toJson } from './to-json.js';

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
};

describe('toJson', () => {
  it('gives exactly what JSON.stringify gives, frozen or not, twice in a row', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, freeze) => {
        const v = freeze ? deepFreeze(value) : value;
        expect(toJson(v)).toBe(JSON.stringify(v));
        expect(toJson(v)).toBe(JSON.stringify(v));
      }),
      { numRuns: 500 },
    );
  });

  it('leaves out what JSON.stringify leaves out, and honours toJSON', () => {
    const value = deepFreeze({ a: undefined, b: () => 1, c: [undefined, () => 1], d: new Date(0), e: { toJSON: () => 'x' }, f: 'é"\n' });
    expect(toJson(value)).toBe(JSON.stringify(value));
  });

  it('serialises the core answers as JSON.stringify does, reusing the shared market estimate', () => {
    const dataset = getDefaultDataset();
    const estimate = estimateSalary(dataset, { level: 'mid', region: 'us-ca-san-francisco' });
    expect(toJson(estimate)).toBe(JSON.stringify(estimate));
    for (const base of [60_000, 90_000, 140_000]) {
      const benchmark = benchmarkOffer(dataset, { level: 'mid', offer: { base } });
      expect(toJson(benchmark)).toBe(JSON.stringify(benchmark));
    }
  });
});
