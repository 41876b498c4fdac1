// Properties over every public insight: whatever a caller passes, the core answers or throws one of
// its typed errors, and whatever it answers is a sane distribution. Ordering by years, the regional
// factor and the benchmark's monotony live beside their functions.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBulkBenchmarker } from '../bulk/create-bulk-benchmarker.js';
import { getDefaultDataset } from '../default-dataset.js';
import { isPayLensError } from '../errors/index.js';
import { benchmarkOffer } from './benchmark-offer.js';
import { buildCareerPath } from './build-career-path.js';
import { buildPayBand } from './build-pay-band.js';
import { compareOccupations } from './compare-occupations.js';
import { compareRegions } from './compare-regions.js';
import { estimateSalary } from './estimate-salary.js';
import { projectPay } from './project-pay.js';

const ds = getDefaultDataset();
const SEED = Number(process.env.FUZZ_SEED ?? 20_250_601);

const ids = (all: readonly { id: string }[]) => all.map((x) => x.id);
const roleIds = ids(ds.roles.all);
const levelIds = ds.roles.all.flatMap((r) => r.levels.map((l) => l.id));
const regionIds = ids(ds.regions.all);
const skillIds = ids(ds.skills.all);
const educationIds = ids(ds.education.all);

/** Anything JSON can carry, plus the values JSON cannot (undefined, NaN, ±Infinity, -0, bigints). */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(undefined, null, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 1e308, -1e-308, 2 ** 53 + 1),
  fc.constantFrom('NaN', 'Infinity', '-1', '1e309', '', ' ', '__proto__', 'constructor', 'MID', ' us ', 'ü', '\u0000', '😀'),
  fc.bigInt().map((b) => b as unknown),
  fc.date({ noInvalidDate: false }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);

/** A valid id most of the time, junk the rest. */
const idOr = (valid: readonly string[]) => fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...valid) }, { weight: 1, arbitrary: junk });
const numberOr = (min: number, max: number) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.double({ min, max, noNaN: true }) },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: junk },
  );
const dateOr = fc.oneof(
  fc.date({ min: new Date('1985-01-01'), max: new Date('2110-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  junk,
);
const listOr = (valid: readonly string[]) => fc.oneof(fc.array(idOr(valid), { maxLength: 8 }), junk);

const profile = {
  role: idOr(roleIds),
  level: idOr(levelIds),
  yearsExperience: numberOr(0, 60),
  region: idOr(regionIds),
  skills: listOr(skillIds),
  education: idOr(educationIds),
};
const offer = fc.oneof(fc.record({ base: numberOr(1, 1_000_000), bonus: numberOr(0, 100_000) }, { requiredKeys: ['base'] }), junk);

/** A record of the given fields, each maybe absent, sometimes with extra or hostile keys. */
function query(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> {
  const extra = fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', 'toString', 'levle'), junk, { maxKeys: 2 });
  return fc.oneof(
    { weight: 8, arbitrary: fc.record(fields, { requiredKeys: [] }) },
    { weight: 2, arbitrary: fc.tuple(fc.record(fields, { requiredKeys: [] }), extra).map(([q, e]) => ({ ...q, ...e })) },
    { weight: 1, arbitrary: junk },
  );
}

type Call = (input: unknown) => unknown;
const functions: readonly [string, Call, fc.Arbitrary<unknown>][] = [
  ['estimateSalary', (q) => estimateSalary(ds, q as never), query({ ...profile, asOf: dateOr })],
  ['benchmarkOffer', (q) => benchmarkOffer(ds, q as never), query({ ...profile, asOf: dateOr, offer })],
  [
    'buildCareerPath',
    (q) => buildCareerPath(ds, q as never),
    query({
      role: profile.role,
      yearsExperience: profile.yearsExperience,
      skills: profile.skills,
      education: profile.education,
      region: profile.region,
    }),
  ],
  [
    'buildPayBand',
    (q) => buildPayBand(ds, q as never),
    query({
      ...profile,
      asOf: dateOr,
      method: fc.oneof(fc.constantFrom('spread', 'percentiles'), junk),
      spreadPercent: numberOr(0, 400),
      percentiles: fc.oneof(fc.constantFrom('p10-p90', 'p25-p75'), junk),
    }),
  ],
  [
    'compareOccupations',
    (q) => compareOccupations(ds, q as never),
    query({ ...profile, region: fc.constant(undefined), scope: fc.oneof(fc.constantFrom('mapped', 'all'), junk) }),
  ],
  [
    'compareRegions',
    (q) => compareRegions(ds, q as never),
    query({ ...profile, region: fc.constant(undefined), regions: listOr(regionIds) }),
  ],
  [
    'projectPay',
    (q) => projectPay(ds, q as never),
    query({ ...profile, horizonYears: numberOr(1, 40), startYear: fc.oneof(fc.integer({ min: 1980, max: 2110 }), junk) }),
  ],
];

/** Every number in an answer is finite; every money figure positive. */
function expectSaneNumbers(value: unknown, path = ''): void {
  if (typeof value === 'number') {
    expect(Number.isFinite(value), `${path} = ${value}`).toBe(true);
    return;
  }
  if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) expectSaneNumbers(v, `${path}.${k}`);
}

/** Every `{p10…p90}` found anywhere in an answer is ordered, positive and finite. */
function expectOrderedPercentiles(value: unknown): number {
  let found = 0;
  if (Array.isArray(value)) for (const v of value) found += expectOrderedPercentiles(v);
  else if (value && typeof value === 'object') {
    const p = value as Record<string, unknown>;
    if (['p10', 'p25', 'p50', 'p75', 'p90'].every((k) => typeof p[k] === 'number')) {
      const [p10, p25, p50, p75, p90] = [p.p10, p.p25, p.p50, p.p75, p.p90] as number[];
      expect(p10).toBeGreaterThan(0);
      expect(p10).toBeLessThanOrEqual(p25 ?? 0);
      expect(p25).toBeLessThanOrEqual(p50 ?? 0);
      expect(p50).toBeLessThanOrEqual(p75 ?? 0);
      expect(p75).toBeLessThanOrEqual(p90 ?? 0);
      expect(Number.isFinite(p90)).toBe(true);
      found++;
    }
    for (const v of Object.values(p)) found += expectOrderedPercentiles(v);
  }
  return found;
}

describe('every public insight, any input', () => {
  for (const [name, call, arbitrary] of functions) {
    it(`${name} answers, with finite ordered figures, or throws a typed PayLens error`, () => {
      fc.assert(
        fc.property(arbitrary, (input) => {
          let answer: unknown;
          try {
            answer = call(input);
          } catch (error) {
            if (!isPayLensError(error)) throw new Error(`${name} threw a non-PayLens error: ${String(error)}`, { cause: error });
            return;
          }
          expect(answer).toBeTypeOf('object');
          expectSaneNumbers(answer);
          expectOrderedPercentiles(answer);
        }),
        { seed: SEED, numRuns: 300 },
      );
    });
  }

  it('estimates for valid profiles always carry ordered, positive, finite percentiles', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            level: fc.constantFrom('entry', 'mid', 'senior', 'manager'),
            yearsExperience: fc.double({ min: 5, max: 60, noNaN: true }),
            region: fc.constantFrom(...regionIds),
            skills: fc.subarray(skillIds),
            education: fc.constantFrom(...educationIds),
            asOf: fc
              .date({ min: new Date('1990-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
              .map((d) => d.toISOString().slice(0, 10)),
          },
          { requiredKeys: ['level', 'yearsExperience'] },
        ),
        (q) => {
          const e = estimateSalary(ds, q);
          expect(expectOrderedPercentiles(e)).toBeGreaterThanOrEqual(2);
          expectSaneNumbers(e);
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('a bulk row, nested or flat, never throws: it is benchmarked or carries an error with its path', () => {
    const bench = createBulkBenchmarker(ds, { cacheSize: 8 });
    const flat = query({ ...profile, asOf: dateOr, base: numberOr(1, 1_000_000), bonus: fc.oneof(numberOr(0, 100_000), fc.string()) });
    fc.assert(
      fc.property(fc.oneof(query({ ...profile, asOf: dateOr, offer }), flat), fc.integer({ min: 1, max: 1_000_000 }), (input, row) => {
        const result = bench.benchmarkRow(input, row);
        expect(result.row).toBe(row);
        if (result.ok) expectSaneNumbers(result.result);
        else expect(result.error.message.length).toBeGreaterThan(0);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });
});
