import type { Dataset } from '../dataset/dataset.js';
import { NoDataError } from '../errors/index.js';
import { type ResolvedProfile, resolveProfile } from '../model/resolve-profile.js';
import type { Source } from '../schemas/catalogue.js';
import { type Adjustment, type Estimate, type EstimateQuery, EstimateQuerySchema, type Flag } from '../schemas/estimate.js';
import { parseInput } from '../schemas/parse-input.js';
import { lognormalPercentiles, type Percentiles } from '../stats/lognormal.js';

const DAY_MS = 86_400_000;
const YEAR_DAYS = 365.2425;
/** Ageing further than this from the source's date is flagged as extrapolation. */
const EXTRAPOLATION_YEARS = 3;

/** What each flag costs the confidence score (1 = fully sourced, direct figure). */
const FLAG_PENALTY: Readonly<Record<Flag, number>> = {
  'lower-bound': 0.2,
  'thin-data': 0.3,
  'proxy-region-factor': 0.15,
  'no-region-data': 0.25,
  extrapolated: 0.2,
  aged: 0.05,
  'level-inferred': 0.05,
  'below-level-minimum': 0.1,
  'conflicting-sources': 0.1,
  'bonus-scaled': 0.05,
};

const round = (n: number) => Math.round(n);
const roundPercentiles = (p: Percentiles) => ({
  p10: round(p.p10),
  p25: round(p.p25),
  p50: round(p.p50),
  p75: round(p.p75),
  p90: round(p.p90),
  mean: round(p.mean),
});

/**
 * Estimates yearly pay for a profile: base percentiles, bonus and total, with every adjustment,
 * source, flag and a confidence grade. Without `asOf` the figures are as the sources state them.
 *
 * @throws ValidationError for malformed input, UnknownReferenceError for unknown ids,
 *   NoDataError where the data holds no figure (director), InconsistentQueryError for
 *   contradictions (manager with under 5 years).
 *
 * @example
 * const e = estimateSalary(getDefaultDataset(), { level: 'mid', region: 'us-ca-san-francisco' });
 * e.base.p50; // 105343
 * e.adjustments[0]; // { kind: 'region', factor: 1.1705, … }
 */
export function estimateSalary(dataset: Dataset, query: EstimateQuery): Estimate {
  const q = parseInput(EstimateQuerySchema, query);
  return computeEstimate(dataset, resolveProfile(dataset, q), q.asOf);
}

/** The estimate for an already resolved profile; other insights call this to skip re-validation. */
export function computeEstimate(dataset: Dataset, profile: ResolvedProfile, asOf?: string, asOfPath = 'asOf'): Estimate {
  const { model, region, level } = profile;
  const anchor = level ? model.anchors[level.id] : undefined;
  const group = anchor ?? model.allLevels;
  if (!group) throw new NoDataError('level', `No pay figure for ${profile.role.id}`);
  const figure = group.figure;

  const flags = new Set<Flag>(profile.flags);
  const notes = [...profile.notes];
  const adjustments: Adjustment[] = [];
  let factor = 1;

  const regionFactor = model.regionFactors[region.id];
  if (regionFactor && regionFactor.kind !== 'national') {
    adjustments.push({
      kind: 'region',
      factor: regionFactor.factor,
      description: regionFactor.description,
      sourceId: regionFactor.sourceId,
    });
    factor *= regionFactor.factor;
    if (regionFactor.kind === 'price-parity-proxy') flags.add('proxy-region-factor');
    if (regionFactor.kind === 'none') flags.add('no-region-data');
  }

  if (asOf !== undefined && asOf !== figure.asOf) {
    const raise = model.regionRaises[region.id] ?? model.nationalRaise;
    if (!raise) throw new NoDataError(asOfPath, 'The data set holds no raise rate to age figures with; omit asOf');
    const years = (Date.parse(`${asOf}T00:00:00Z`) - Date.parse(`${figure.asOf}T00:00:00Z`)) / DAY_MS / YEAR_DAYS;
    const f = (1 + raise.mid) ** years;
    adjustments.push({
      kind: 'aging',
      factor: f,
      description: `Aged ${years.toFixed(2)} years from ${figure.asOf} to ${asOf} at ${(raise.mid * 100).toFixed(2)}% a year. ${raise.description}`,
      sourceId: raise.sourceId,
    });
    factor *= f;
    flags.add('aged');
    if (Math.abs(years) > EXTRAPOLATION_YEARS) flags.add('extrapolated');
  }

  const base = lognormalPercentiles(group.median * factor, group.spread.sigma);
  if (anchor?.lowerBound) {
    flags.add('lower-bound');
    notes.push(`The source gives only a floor for ${level?.name ?? 'this level'}; the real median is likely higher.`);
  }
  if (figure.statistic !== 'median') flags.add('thin-data');

  let bonusMean = 0;
  let bonusSourceId: string | undefined;
  if (!anchor && model.nationalBonus) {
    bonusMean = model.nationalBonus.value * factor;
    bonusSourceId = model.nationalBonus.sourceId;
  } else if (anchor && model.bonusShare !== undefined && model.nationalBonus) {
    bonusMean = base.mean * model.bonusShare;
    bonusSourceId = model.nationalBonus.sourceId;
    flags.add('bonus-scaled');
    notes.push(`Bonus scaled from the all-levels bonus share (${(model.bonusShare * 100).toFixed(2)}% of base).`);
  } else {
    notes.push('No source gives a bonus for this group; bonus shown as 0.');
  }

  const alternatives = anchor
    ? []
    : model.alternatives.map((f) => ({
        figureId: f.id,
        statistic: f.statistic,
        value: f.value,
        sourceId: f.sourceId,
        description: `${f.statistic} of ${f.value.toLocaleString('en-US')} USD (${f.regionId}${f.notes ? `; ${f.notes}` : ''}); not combined with the estimate`,
      }));
  if (alternatives.length > 0) flags.add('conflicting-sources');

  const sourceIds = new Set<string>([figure.sourceId, group.spread.sourceId, ...adjustments.map((a) => a.sourceId)]);
  if (bonusSourceId) sourceIds.add(bonusSourceId);
  for (const a of alternatives) sourceIds.add(a.sourceId);
  const sources: Source[] = [];
  for (const id of sourceIds) {
    for (let s = dataset.sources.byId[id]; s && !sources.includes(s); s = s.via ? dataset.sources.byId[s.via] : undefined) sources.push(s);
  }

  let score = 1;
  for (const flag of flags) score -= FLAG_PENALTY[flag];
  score = Math.max(0, Math.min(1, score));

  const total = {
    p10: base.p10 + bonusMean,
    p25: base.p25 + bonusMean,
    p50: base.p50 + bonusMean,
    p75: base.p75 + bonusMean,
    p90: base.p90 + bonusMean,
    mean: base.mean + bonusMean,
  };

  return {
    role: profile.role.id,
    level: level?.id ?? null,
    levelBasis: profile.levelBasis,
    region: region.id,
    asOf: asOf ?? figure.asOf,
    currency: 'USD',
    period: 'year',
    basis: {
      figureId: figure.id,
      statistic: figure.statistic,
      value: figure.value,
      sourceId: figure.sourceId,
      description: anchor?.description ?? `National all-levels base pay, a ${figure.statistic} of $${figure.value.toLocaleString('en-US')}`,
    },
    base: roundPercentiles(base),
    bonus: { mean: round(bonusMean) },
    total: roundPercentiles(total),
    spread: { sigma: group.spread.sigma, description: group.spread.description, sourceId: group.spread.sourceId },
    adjustments,
    alternatives,
    sources,
    confidence: score >= 0.75 ? 'high' : score >= 0.5 ? 'medium' : 'low',
    confidenceScore: Math.round(score * 100) / 100,
    flags: [...flags],
    notes,
  };
}
