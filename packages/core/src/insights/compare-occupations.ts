import type { Dataset } from '../dataset/dataset.js';
import { resolveProfile } from '../model/resolve-profile.js';
import { latestOccupation, occupationSpread } from '../model/role-model.js';
import type { Occupation, OccupationMapping } from '../schemas/catalogue.js';
import {
  type OccupationComparison,
  type OccupationComparisonQuery,
  OccupationComparisonQuerySchema,
  type OccupationComparisonRow,
} from '../schemas/occupation-comparison.js';
import { parseInput } from '../schemas/parse-input.js';
import { lognormalCdf } from '../stats/lognormal.js';
import { computeEstimate } from './estimate-salary.js';

const RELATION_ORDER = { primary: 0, neighbour: 1, unmapped: 2 } as const;

/**
 * Sets the national base-pay median of a profile against BLS OEWS occupations: by default those
 * mapped to the role (primary and neighbours, for the whole role or for the profile's level),
 * with `scope: 'all'` every occupation in the data set. For each: the published percentiles,
 * the log-normal fitted to it (median as published; sigma from p10/p90, or from the quartiles
 * when p90 is top-coded), where the PACS median falls in it (0–100), and the mapping with its
 * basis: every mapping in the default data is our judgement, as no published crosswalk exists.
 *
 * @throws ValidationError for malformed input, UnknownReferenceError for unknown ids, NoDataError
 *   where the data holds no pay figure (director).
 *
 * @example
 * const c = compareOccupations(getDefaultDataset(), { level: 'mid' });
 * c.occupations[0].soc; // '15-1244' (primary, our judgement)
 * c.occupations[0].pacsPercentile; // 41.9: the PACS mid median of $90,000 sits under its $96,800 median
 */
export function compareOccupations(dataset: Dataset, query: OccupationComparisonQuery): OccupationComparison {
  const q = parseInput(OccupationComparisonQuerySchema, query);
  const { scope, ...profileInput } = q;
  const profile = resolveProfile(dataset, { ...profileInput, region: dataset.rootRegionId });
  const estimate = computeEstimate(dataset, profile);
  const pacsMedian = estimate.base.p50;
  const levelId = profile.level?.id ?? null;

  // A level's own mapping wins over the role-wide one for the same occupation.
  const mappings = new Map<string, OccupationMapping>();
  for (const m of dataset.occupationMappings) {
    if (m.roleId !== profile.role.id || (m.levelId !== null && m.levelId !== levelId)) continue;
    if (!mappings.has(m.soc) || m.levelId !== null) mappings.set(m.soc, m);
  }
  const socs = scope === 'all' ? new Set(dataset.occupations.map((o) => o.soc)) : new Set(mappings.keys());

  const rows: OccupationComparisonRow[] = [];
  for (const soc of socs) {
    const o: Occupation | undefined = latestOccupation(dataset.occupations, soc);
    if (!o) continue;
    const m = mappings.get(soc);
    const spread = occupationSpread(o);
    rows.push({
      soc: o.soc,
      title: o.title,
      year: o.year,
      employment: o.employment,
      relation: m?.relation ?? 'unmapped',
      mapping: m ? { levelId: m.levelId, basis: m.basis, sourceId: m.sourceId, notes: m.notes ?? null } : null,
      wages: { mean: o.mean, p10: o.p10, p25: o.p25, median: o.median, p75: o.p75, p90: o.p90 },
      fit: { sigma: spread.sigma, method: o.p10 !== null && o.p90 !== null ? 'deciles' : 'quartiles', description: spread.description },
      pacsPercentile: Math.round(lognormalCdf(pacsMedian, o.median, spread.sigma) * 10_000) / 100,
      pacsToMedian: Math.round((pacsMedian / o.median) * 10_000) / 10_000,
      sourceId: o.sourceId,
      notes: o.notes ?? null,
    });
  }
  rows.sort(
    (a, b) =>
      RELATION_ORDER[a.relation] - RELATION_ORDER[b.relation] ||
      Number((b.mapping?.levelId ?? null) !== null) - Number((a.mapping?.levelId ?? null) !== null) ||
      b.wages.median - a.wages.median,
  );

  const notes = [
    'Each occupation is modelled as log-normal around its published median; the percentile is where the PACS median falls in it.',
  ];
  if (rows.some((r) => r.mapping?.basis === 'judgement')) {
    notes.push('Mappings marked basis "judgement" are ours: no published crosswalk links the role to SOC occupations.');
  }
  if (estimate.flags.includes('lower-bound'))
    notes.push('The PACS figure for this level is a floor ("upwards of"/"over"), so its percentiles are too.');

  return {
    role: profile.role.id,
    level: levelId,
    levelBasis: profile.levelBasis,
    pacs: {
      p50: pacsMedian,
      mean: estimate.base.mean,
      confidence: estimate.confidence,
      flags: [...estimate.flags],
      sourceId: estimate.basis.sourceId,
      description: `National base pay of the profile: ${estimate.basis.description}`,
    },
    occupations: rows,
    notes,
  };
}
