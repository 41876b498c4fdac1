// parseInput validates with zod's compiled schema (z.compile). These properties check that it
// answers exactly as the ordinary parser of the same schema: the same value (trimmed, lower-cased,
// frozen lists) for every input the schema accepts, the same issues for every input it refuses.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { getDefaultDataset } from '../default-dataset.js';
import { ValidationError } from '../errors/index.js';
import { BenchmarkQuerySchema, OfferSchema } from './benchmark.js';
import { CareerPathQuerySchema } from './career-path.js';
import { EstimateQuerySchema } from './estimate.js';
import { OccupationComparisonQuerySchema } from './occupation-comparison.js';
import { parseInput, toValidationError } from './parse-input.js';
import { PayBandQuerySchema } from './pay-band.js';
import { ProjectionQuerySchema } from './projection.js';
import { RegionComparisonQuerySchema } from './region-comparison.js';

const ds = getDefaultDataset();
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_127);

/** Values near every edge the schemas draw: types, bounds, whitespace and case, dates. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(undefined, null, Number.NaN, Number.POSITIVE_INFINITY, -0, -1, 0, 60, 60.5, 1e8, 1e8 + 1, 2 ** 53 + 1),
  fc.constantFrom('', ' ', 'MID', ' us ', 'US-CA-San-Francisco', 'a--b', '-a', 'a-', 'x'.repeat(80), 'x'.repeat(81), 'ü', '\u0000'),
  fc.constantFrom('2026-01-01', '1990-01-01', '1989-12-31', '2100-12-31', '2101-01-01', '2026-02-30', '2026-1-1', ' 2026-01-01'),
  fc.string({ maxLength: 12 }),
);
const pool = (all: readonly { id: string }[]) => all.map((x) => x.id);
const idOr = (valid: readonly string[]) =>
  fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...valid) },
    { weight: 1, arbitrary: fc.constantFrom(...valid).map((id) => ` ${id.toUpperCase()}`) },
    { weight: 1, arbitrary: junk },
  );
const listOr = (valid: readonly string[]) =>
  fc.oneof(
    { weight: 12, arbitrary: fc.array(idOr(valid), { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(...valid), { minLength: 49, maxLength: 52 }) },
    { weight: 1, arbitrary: junk },
  );
const numberOr = (min: number, max: number) =>
  fc.oneof({ weight: 12, arbitrary: fc.double({ min, max, noNaN: true }) }, { weight: 1, arbitrary: junk });
const dateOr = fc.oneof(
  { weight: 6, arbitrary: fc.constant(undefined) },
  {
    weight: 6,
    arbitrary: fc
      .date({ min: new Date('1985-01-01'), max: new Date('2110-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
  },
  { weight: 1, arbitrary: junk },
);

const profile = {
  role: idOr(pool(ds.roles.all)),
  level: idOr(ds.roles.all.flatMap((r) => r.levels.map((l) => l.id))),
  yearsExperience: numberOr(-0.5, 60.5),
  region: idOr(pool(ds.regions.all)),
  skills: listOr(pool(ds.skills.all)),
  education: idOr(pool(ds.education.all)),
  asOf: dateOr,
};
const offer = fc.oneof(
  { weight: 12, arbitrary: fc.record({ base: numberOr(-1, 1e8 + 1), bonus: numberOr(-1, 1e8 + 1) }, { requiredKeys: ['base'] }) },
  { weight: 1, arbitrary: fc.record({ base: numberOr(-1, 1e8 + 1), bonus: numberOr(-1, 1e8 + 1) }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: junk },
);
/** A record of some of the fields, now and then with one it does not know, or not a record at all. */
const query = (fields: Record<string, fc.Arbitrary<unknown>>, requiredKeys: string[] = []) =>
  fc.oneof(
    { weight: 12, arbitrary: fc.record(fields, { requiredKeys }) },
    { weight: 1, arbitrary: fc.record({ ...fields, extra: junk }, { requiredKeys: ['extra'] }) },
    { weight: 1, arbitrary: junk },
  );

/** What the ordinary (uncompiled) parser of the schema makes of the input, reported as parseInput reports it. */
function runtimeOutcome(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data, frozen: frozenLists(result.data) };
  return { ok: false, issues: toValidationError(result.error.issues).issues };
}

function parseInputOutcome(schema: z.ZodType, input: unknown) {
  try {
    const value = parseInput(schema, input);
    return { ok: true, value, frozen: frozenLists(value) };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return { ok: false, issues: error.issues };
  }
}

/** Which of the value's lists are frozen (`.readonly()` freezes them). */
function frozenLists(value: unknown): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) if (Array.isArray(v)) out[k] = Object.isFrozen(v);
  }
  return out;
}

describe('parseInput (zod compiled schema) answers as the ordinary parser', () => {
  const cases: [string, z.ZodType, fc.Arbitrary<unknown>][] = [
    ['EstimateQuerySchema', EstimateQuerySchema, query(profile)],
    ['BenchmarkQuerySchema', BenchmarkQuerySchema, query({ ...profile, offer }, ['offer'])],
    ['OfferSchema', OfferSchema, offer],
    ['PayBandQuerySchema', PayBandQuerySchema, query({ ...profile, method: fc.constantFrom('spread', 'percentiles', 'x') })],
    [
      'RegionComparisonQuerySchema',
      RegionComparisonQuerySchema,
      query({ ...profile, regions: listOr(pool(ds.regions.all)), asOf: fc.constant(undefined) }),
    ],
    [
      'ProjectionQuerySchema',
      ProjectionQuerySchema,
      query({ ...profile, horizonYears: fc.integer({ min: 0, max: 41 }), startYear: junk }, ['horizonYears']),
    ],
    ['OccupationComparisonQuerySchema', OccupationComparisonQuerySchema, query(profile)],
    ['CareerPathQuerySchema', CareerPathQuerySchema, query(profile)],
  ];
  for (const [name, schema, input] of cases) {
    it(name, () => {
      fc.assert(
        fc.property(input, (x) => {
          const before = JSON.stringify(x);
          const expected = runtimeOutcome(schema, x);
          const actual = parseInputOutcome(schema, x);
          expect(actual.ok).toBe(expected.ok);
          if (expected.ok) {
            expect(actual.value).toStrictEqual(expected.value);
            expect(actual.frozen).toEqual(expected.frozen);
          } else {
            expect(actual.issues).toEqual(expected.issues);
          }
          expect(JSON.stringify(x)).toBe(before);
        }),
        { seed: SEED, numRuns: 3_000 },
      );
    });
  }

  it('returns a new value, not the input', () => {
    const input = { region: 'us', skills: ['dicom'] };
    const value = parseInput(EstimateQuerySchema, input);
    expect(value).not.toBe(input);
    expect(value.skills).not.toBe(input.skills);
  });
});
