// Deterministic, realistic query mixes for the benchmarks: every query is valid for the default
// data set, so the figures measure answers, not errors.
import type { BenchmarkQuery, Dataset, EstimateQuery } from '@paylens/core';
import { estimateSalary } from '@paylens/core';

/** mulberry32: a small seeded generator, so every run benchmarks the same queries. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const LEVELS = ['entry', 'mid', 'senior', 'manager'] as const;
const TECHNICAL = ['dicom', 'hl7', 'troubleshooting', 'cybersecurity', 'pacs-ris-integration', 'communication'];
const LEADERSHIP = ['leadership', 'decision-making', 'budgeting', 'team-building'];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/**
 * One plausible profile: a level asked for (with or without years), years only (level inferred),
 * or region only. `years` makes the query distinct when the caller needs distinct queries.
 */
function makeProfile(random: () => number, regions: readonly string[], years?: number): EstimateQuery {
  const query: Record<string, unknown> = {};
  const mode = random();
  const region = pick(random, regions);
  if (random() < 0.9) query.region = region;
  const skills = TECHNICAL.filter(() => random() < 0.35);
  if (mode < 0.45) {
    const level = pick(random, LEVELS);
    query.level = level;
    if (level === 'manager') skills.push(...LEADERSHIP);
    if (years !== undefined) query.yearsExperience = 5 + years;
    else if (random() < 0.3) query.yearsExperience = 5 + Math.floor(random() * 20);
  } else if (mode < 0.9 || years !== undefined) {
    query.yearsExperience = years ?? Math.floor(random() * 61) / 2;
    if (random() < 0.2) skills.push(...LEADERSHIP);
  }
  if (skills.length > 0) query.skills = skills;
  if (random() < 0.3) query.education = pick(random, ['bachelors', 'mba', 'mha', 'associate']);
  return query as EstimateQuery;
}

/**
 * `count` distinct profiles. Checked against `check` (a separate copy of the data set, so the
 * check leaves no memoised answers behind in the one being benchmarked).
 */
export function makeProfiles(check: Dataset, count: number, seed: number, distinct = false, offset = 0): EstimateQuery[] {
  const random = createRandom(seed);
  const regions = check.regions.all.map((r) => r.id);
  const out: EstimateQuery[] = [];
  const seen = new Set<string>();
  while (out.length < count) {
    // Distinct years (to 1e-6) make every query new to the memo; years stay within 5–25.
    const years = distinct ? ((offset + out.length) % 20_000_000) / 1_000_000 : undefined;
    const query = makeProfile(random, regions, years);
    // Distinct queries are valid by construction (checked on a sample); the others are checked.
    if (!distinct || out.length < 1_000) {
      const key = JSON.stringify(query);
      if (seen.has(key)) continue;
      try {
        estimateSalary(check, query);
      } catch (error) {
        if (distinct) throw error;
        continue;
      }
      seen.add(key);
    }
    out.push(query);
  }
  return out;
}

/** Offers for profiles: a base between 40,000 and 200,000, a bonus one time in three. */
export function withOffers(profiles: readonly EstimateQuery[], count: number, seed: number): BenchmarkQuery[] {
  const random = createRandom(seed);
  const out: BenchmarkQuery[] = [];
  for (let i = 0; i < count; i++) {
    const base = 40_000 + Math.round(random() * 1_600) * 100;
    const offer = random() < 0.33 ? { base, bonus: Math.round(random() * 100) * 100 } : { base };
    out.push({ ...(profiles[i % profiles.length] as EstimateQuery), offer });
  }
  return out;
}
