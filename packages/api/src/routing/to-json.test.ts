import { benchmarkOffer, estimateSalary, getDefaultDataset } from '@paylens/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toJson, toJsonBytes } from './to-json.js';

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

describe('toJsonBytes', () => {
  it("gives JSON.stringify's text as UTF-8, frozen or not, twice in a row", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (value, freeze) => {
        const v = freeze ? deepFreeze(value) : value;
        expect(toJsonBytes(v).equals(Buffer.from(JSON.stringify(v)))).toBe(true);
        expect(toJsonBytes(v).equals(Buffer.from(JSON.stringify(v)))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('encodes a repeated core answer once, with characters beyond ASCII', () => {
    const estimate = estimateSalary(getDefaultDataset(), { level: 'senior', region: 'us-ny-new-york', skills: ['dicom'] });
    const first = toJsonBytes(estimate);
    const second = toJsonBytes(estimate);
    expect(first.toString('utf8')).toBe(JSON.stringify(estimate));
    expect(second.equals(first)).toBe(true);
    expect(toJsonBytes(estimate)).toBe(second);
    const copy = { ...estimate };
    expect(toJsonBytes(copy)).not.toBe(toJsonBytes(copy));
  });

  it('writes new answers around shared frozen parts byte for byte, the parts copied from their kept bytes', () => {
    // Parts long enough to be kept (512 characters and more), some beyond ASCII, shared by answers
    // that are new each time: the benchmark's shape.
    const sharedPart = fc
      .tuple(fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }), fc.jsonValue({ maxDepth: 2 }))
      .map(([text, extra]) => deepFreeze({ note: `${text}${'–×é'.repeat(200)}`, extra, list: [text, 1.5, null] }));
    fc.assert(
      fc.property(fc.array(sharedPart, { minLength: 1, maxLength: 3 }), fc.jsonValue({ maxDepth: 2 }), (parts, own) => {
        for (let round = 0; round < 3; round++) {
          const answer = deepFreeze({ own: structuredClone(own), parts: [...parts], first: parts[0], gone: undefined, round });
          const expected = Buffer.from(JSON.stringify(answer));
          expect(toJsonBytes(answer).equals(expected)).toBe(true);
          expect(toJsonBytes(answer).equals(expected)).toBe(true);
          expect(toJsonBytes(answer).equals(expected)).toBe(true);
          const list = deepFreeze([own, ...parts, undefined]);
          expect(toJsonBytes(list).equals(Buffer.from(JSON.stringify(list)))).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('writes the members around a kept part as JSON.stringify does: left-out members, toJSON, __proto__, index keys', () => {
    const kept = deepFreeze({ text: '–é'.repeat(300) });
    expect(toJsonBytes(kept).length).toBeGreaterThan(512);
    toJsonBytes(kept); // written twice: its bytes are kept
    const own = JSON.parse('{"__proto__": {"x": 1}, "7": "seven", "b": 1.5}') as Record<string, unknown>;
    const answers = [
      { gone: undefined, fn: () => 1, kept, after: undefined },
      { ...own, kept, d: new Date(0), f: { toJSON: (key: string) => `key ${key}` }, flat: deepFreeze({ n: 1, s: 'x', u: undefined }) },
      { kept, last: [kept, undefined] },
      { first: kept, second: kept },
    ];
    for (const answer of answers) {
      const frozen = deepFreeze(answer);
      expect(toJsonBytes(frozen).toString('utf8')).toBe(JSON.stringify(frozen));
    }
  });

  it('writes offer benchmarks, new each time, as JSON.stringify does', () => {
    const dataset = getDefaultDataset();
    for (let i = 0; i < 3; i++) {
      for (const base of [60_000, 90_000, 140_000]) {
        const benchmark = benchmarkOffer(dataset, { level: 'mid', region: 'us-ca-san-francisco', skills: ['dicom'], offer: { base } });
        expect(toJsonBytes(benchmark).toString('utf8')).toBe(JSON.stringify(benchmark));
        expect(toJsonBytes(benchmark).toString('utf8')).toBe(JSON.stringify(benchmark));
      }
    }
  });
});
