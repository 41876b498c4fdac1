import type { Dataset } from '../dataset/dataset.js';
import { NoDataError } from '../errors/index.js';
import { type ResolvedProfile, resolveProfile } from '../model/resolve-profile.js';
import type { AlternativeFigure, LevelAnchor, RegionFactor, RoleModel } from '../model/role-model.js';
import type { Level, Source } from '../schemas/catalogue.js';
import { type Adjustment, type Estimate, type EstimateQuery, EstimateQuerySchema, type Flag } from '../schemas/estimate.js';
import { parseInput } from '../schemas/parse-input.js';
import { type Percentiles, scalePercentiles } from '../stats/lognormal.js';
import { createQueryMemo, hashProfileQuery } from './query-memo.js';

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

const round = Math.round;

/** Rounded percentiles, each plus `add` first (the bonus, for total pay). */
function roundPercentiles(p: Percentiles, add: number) {
  return {
    p10: round(p.p10 + add),
    p25: round(p.p25 + add),
    p50: round(p.p50 + add),
    p75: round(p.p75 + add),
    p90: round(p.p90 + add),
    mean: round(p.mean + add),
  };
}

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
 *
 * The result is deeply frozen: it is pure data, and the same query may be answered with the same
 * object from a bounded memo (the last {@link ESTIMATE_MEMO_SIZE} distinct queries per data set).
 * Its constant parts (basis, spread, alternatives, region adjustment, sources, and without `asOf`
 * the pay figures) are shared with other answers for the same pay group and region; so is the whole
 * answer when nothing else in it depends on the query (a level asked for, or none, without `asOf`).
 */
export function estimateSalary(dataset: Dataset, query: EstimateQuery): Estimate {
  const hash = hashProfileQuery(query);
  const hit = hash < 0 ? undefined : estimates.get(dataset, hash, query);
  if (hit) return hit;
  const q = parseInput(EstimateQuerySchema, query);
  const estimate = computeFrozenEstimate(dataset, resolveProfile(dataset, q), q.asOf);
  if (hash >= 0) estimates.offer(dataset, hash, query, estimate);
  return estimate;
}

/** Enough for the distinct profiles a busy service sees; a few MB at most. */
export const ESTIMATE_MEMO_SIZE = 2048;
const estimates = createQueryMemo<Estimate>(ESTIMATE_MEMO_SIZE);

/** The estimate for an already resolved profile; other insights call this to skip re-validation. */
export function computeEstimate(dataset: Dataset, profile: ResolvedProfile, asOf?: string, asOfPath = 'asOf'): Estimate {
  return buildEstimate(dataset, profile, asOf, asOfPath, false);
}

/**
 * {@link computeEstimate}'s answer, deeply frozen. Its constant parts (the basis, the spread, the
 * region adjustment, the alternatives and sources, the pay figures when not aged, the group's notes
 * for a profile without notes) are frozen objects shared by every answer for the same pay group and
 * region, so a new query builds and freezes only what depends on it; for a profile without flags or
 * notes of its own, not aged, that is nothing: the whole estimate is shared.
 */
export function computeFrozenEstimate(dataset: Dataset, profile: ResolvedProfile, asOf?: string): Estimate {
  return buildEstimate(dataset, profile, asOf, 'asOf', true);
}

type PayGroup = NonNullable<RoleModel['allLevels']> | LevelAnchor;

/** What every estimate of one pay group shares, built on first use and frozen. */
interface GroupParts {
  readonly basis: Estimate['basis'];
  readonly spread: Estimate['spread'];
  /** The alternatives an all-levels estimate shows (none for a level). */
  readonly alternatives: Estimate['alternatives'];
  /** The notes every estimate of the group ends with (a floor, the bonus), frozen: the whole notes of a profile without notes of its own. */
  readonly notes: readonly string[];
  /** By region id, then by whether the figures were aged. */
  readonly regions: Map<string, RegionParts>;
}

interface RegionParts {
  /** The region's adjustment, when the region is not the nation. */
  readonly adjustment: Adjustment | undefined;
  /** Just that adjustment: the adjustments of an estimate that was not aged. */
  readonly adjustments: Estimate['adjustments'];
  /** The sources without ageing and with it (resolved on first use). */
  sources: readonly Source[] | undefined;
  agedSources: readonly Source[] | undefined;
  /**
   * The pay figures of an estimate that was not aged, frozen (on first use): they depend on the
   * group and the region alone, whatever the years, skills or education that led to the group.
   */
  figures: PayFigures | undefined;
  /**
   * The whole estimate, frozen, for a profile without flags or notes of its own (a level asked
   * for, or none) that was not aged: nothing else in it depends on the query.
   */
  plain: Estimate | undefined;
}

/** An estimate's pay figures. */
interface PayFigures {
  readonly base: Estimate['base'];
  readonly bonus: Estimate['bonus'];
  readonly total: Estimate['total'];
}

const groupParts = new WeakMap<PayGroup, GroupParts>();

function partsOf(model: RoleModel, group: PayGroup, anchor: LevelAnchor | undefined, level: Level | undefined): GroupParts {
  const known = groupParts.get(group);
  if (known) return known;
  const figure = group.figure;
  const notes: string[] = [];
  if (anchor?.lowerBound) notes.push(`The source gives only a floor for ${level?.name ?? 'this level'}; the real median is likely higher.`);
  if (!anchor && model.nationalBonus) {
    // The all-levels bonus: no note.
  } else if (anchor && model.bonusShare !== undefined && model.nationalBonus) {
    notes.push(`Bonus scaled from the all-levels bonus share (${(model.bonusShare * 100).toFixed(2)}% of base).`);
  } else {
    notes.push('No source gives a bonus for this group; bonus shown as 0.');
  }
  const parts: GroupParts = {
    basis: Object.freeze({
      figureId: figure.id,
      statistic: figure.statistic,
      value: figure.value,
      sourceId: figure.sourceId,
      description: group.description,
    }),
    spread: Object.freeze({ sigma: group.spread.sigma, description: group.spread.description, sourceId: group.spread.sourceId }),
    alternatives: Object.freeze(
      anchor ? [] : model.alternativeFigures.map((a) => Object.freeze(copyAlternative(a))),
    ) as Estimate['alternatives'],
    notes: Object.freeze(notes),
    regions: new Map(),
  };
  groupParts.set(group, parts);
  return parts;
}

function regionPartsOf(parts: GroupParts, regionId: string, regionFactor: RegionFactor | undefined): RegionParts {
  const known = parts.regions.get(regionId);
  if (known) return known;
  const adjustment = regionFactor && regionFactor.kind !== 'national' ? Object.freeze(regionAdjustment(regionFactor)) : undefined;
  const r: RegionParts = {
    adjustment,
    adjustments: Object.freeze(adjustment ? [adjustment] : []) as Estimate['adjustments'],
    sources: undefined,
    agedSources: undefined,
    figures: undefined,
    plain: undefined,
  };
  parts.regions.set(regionId, r);
  return r;
}

function regionAdjustment(regionFactor: RegionFactor): Adjustment {
  return { kind: 'region', factor: regionFactor.factor, description: regionFactor.description, sourceId: regionFactor.sourceId };
}

/** The estimate: fresh objects throughout, or (`frozen`) deeply frozen with the shared parts. */
function buildEstimate(dataset: Dataset, profile: ResolvedProfile, asOf: string | undefined, asOfPath: string, frozen: boolean): Estimate {
  const { model, region, level } = profile;
  const anchor = level ? model.anchors[level.id] : undefined;
  const group: PayGroup | undefined = anchor ?? model.allLevels;
  if (!group) throw new NoDataError('level', `No pay figure for ${profile.role.id}`);
  const figure = group.figure;
  const parts = partsOf(model, group, anchor, level);
  const regionFactor = model.regionFactors[region.id];
  const regionParts = regionPartsOf(parts, region.id, regionFactor);
  const aged = asOf !== undefined && asOf !== figure.asOf;
  const plain = frozen && !aged && profile.flags.length === 0 && profile.notes.length === 0;
  if (plain && regionParts.plain?.levelBasis === profile.levelBasis) return regionParts.plain;

  // The flags added here, as bits of ADDED_FLAGS; the profile's own come first.
  let added = 0;
  let factor = 1;

  if (regionFactor && regionFactor.kind !== 'national') {
    factor *= regionFactor.factor;
    if (regionFactor.kind === 'price-parity-proxy') added |= PROXY_REGION_FACTOR;
    if (regionFactor.kind === 'none') added |= NO_REGION_DATA;
  }

  let aging: Adjustment | undefined;
  if (aged) {
    const raise = model.regionRaises[region.id] ?? model.nationalRaise;
    if (!raise) throw new NoDataError(asOfPath, 'The data set holds no raise rate to age figures with; omit asOf');
    const years = (Date.parse(`${asOf}T00:00:00Z`) - Date.parse(`${figure.asOf}T00:00:00Z`)) / DAY_MS / YEAR_DAYS;
    const f = (1 + raise.mid) ** years;
    aging = {
      kind: 'aging',
      factor: f,
      description: `Aged ${years.toFixed(2)} years from ${figure.asOf} to ${asOf} at ${(raise.mid * 100).toFixed(2)}% a year. ${raise.description}`,
      sourceId: raise.sourceId,
    };
    factor *= f;
    added |= AGED;
    if (Math.abs(years) > EXTRAPOLATION_YEARS) added |= EXTRAPOLATED;
  }

  const base = scalePercentiles(group.median * factor, group.spread.factors);
  if (anchor?.lowerBound) added |= LOWER_BOUND;
  if (figure.statistic !== 'median') added |= THIN_DATA;

  let bonusMean = 0;
  let bonusSourceId: string | undefined;
  if (!anchor && model.nationalBonus) {
    bonusMean = model.nationalBonus.value * factor;
    bonusSourceId = model.nationalBonus.sourceId;
  } else if (anchor && model.bonusShare !== undefined && model.nationalBonus) {
    bonusMean = base.mean * model.bonusShare;
    bonusSourceId = model.nationalBonus.sourceId;
    added |= BONUS_SCALED;
  }
  // The profile's notes, then the group's (a floor, the bonus), in the order they were always written.
  const profileNotes = profile.notes;
  let notes = parts.notes;
  if (!frozen || profileNotes.length > 0) {
    // A loop, not a spread: iterating frozen lists is slow in V8.
    const own = profileNotes.slice();
    for (let i = 0; i < parts.notes.length; i++) own.push(parts.notes[i] as string);
    notes = own;
  }

  if (parts.alternatives.length > 0) added |= CONFLICTING_SOURCES;

  // The source list depends on the group, the region and whether the figures were aged alone.
  let sources = aged ? regionParts.agedSources : regionParts.sources;
  if (!sources) {
    const sourceIds = [figure.sourceId, group.spread.sourceId];
    if (regionParts.adjustment) sourceIds.push(regionParts.adjustment.sourceId);
    if (aging) sourceIds.push(aging.sourceId);
    if (bonusSourceId) sourceIds.push(bonusSourceId);
    for (const a of parts.alternatives) sourceIds.push(a.sourceId);
    sources = resolveSources(dataset, sourceIds);
    if (aged) regionParts.agedSources = sources;
    else regionParts.sources = sources;
  }

  const grade = gradeOf(profile.flags, added);

  let figures = frozen && !aged ? regionParts.figures : undefined;
  if (!figures) {
    figures = { base: roundPercentiles(base, 0), bonus: { mean: round(bonusMean) }, total: roundPercentiles(base, bonusMean) };
    if (frozen) {
      Object.freeze(figures.base);
      Object.freeze(figures.bonus);
      Object.freeze(figures.total);
      if (!aged) regionParts.figures = figures;
    }
  }

  let adjustments: Adjustment[];
  if (frozen) {
    adjustments = aging
      ? regionParts.adjustment
        ? [regionParts.adjustment, Object.freeze(aging)]
        : [Object.freeze(aging)]
      : (regionParts.adjustments as Adjustment[]);
  } else {
    adjustments = [];
    if (regionParts.adjustment) adjustments.push(regionAdjustment(regionFactor as RegionFactor));
    if (aging) adjustments.push(aging);
  }

  const estimate: Estimate = {
    role: profile.role.id,
    level: level?.id ?? null,
    levelBasis: profile.levelBasis,
    region: region.id,
    asOf: asOf ?? figure.asOf,
    currency: 'USD',
    period: 'year',
    basis: frozen ? parts.basis : { ...parts.basis },
    base: figures.base,
    bonus: figures.bonus,
    total: figures.total,
    spread: frozen ? parts.spread : { ...parts.spread },
    adjustments,
    alternatives: frozen ? parts.alternatives : parts.alternatives.map(copyAlternative),
    sources: frozen ? (sources as Source[]) : sources.slice(),
    confidence: grade.confidence,
    confidenceScore: grade.confidenceScore,
    flags: frozen ? (grade.flags as Flag[]) : grade.flags.slice(),
    notes: notes as string[],
  };
  if (!frozen) return estimate;
  // The shared parts and the pay figures are frozen already.
  if (aging) Object.freeze(adjustments);
  if (notes !== parts.notes) Object.freeze(notes);
  Object.freeze(estimate);
  if (plain) regionParts.plain = estimate;
  return estimate;
}

/** The flags an estimate adds to its profile's, in the order it adds them; bit i stands for ADDED_FLAGS[i]. */
const ADDED_FLAGS: readonly Flag[] = [
  'proxy-region-factor',
  'no-region-data',
  'aged',
  'extrapolated',
  'lower-bound',
  'thin-data',
  'bonus-scaled',
  'conflicting-sources',
];
const PROXY_REGION_FACTOR = 1;
const NO_REGION_DATA = 2;
const AGED = 4;
const EXTRAPOLATED = 8;
const LOWER_BOUND = 16;
const THIN_DATA = 32;
const BONUS_SCALED = 64;
const CONFLICTING_SOURCES = 128;

/** An estimate's flags, frozen, and the confidence they leave. */
interface Grade {
  readonly flags: readonly Flag[];
  readonly confidence: Estimate['confidence'];
  readonly confidenceScore: number;
}

/**
 * Grades by the profile's flag (none, level inferred, below the level's minimum) and the bits
 * added: a few hundred at most, each worked out once.
 */
const grades = new Map<number, Grade>();

function gradeOf(profileFlags: readonly Flag[], added: number): Grade {
  const first = profileFlags[0];
  const kind =
    profileFlags.length === 0
      ? 0
      : profileFlags.length === 1
        ? first === 'level-inferred'
          ? 1
          : first === 'below-level-minimum'
            ? 2
            : -1
        : -1;
  if (kind < 0) return grade(profileFlags, added);
  const key = kind * 256 + added;
  let g = grades.get(key);
  if (!g) {
    g = grade(profileFlags, added);
    grades.set(key, g);
  }
  return g;
}

/** The profile's flags, then the added ones not among them; the score loses each flag's penalty in that order. */
function grade(profileFlags: readonly Flag[], added: number): Grade {
  const flags = profileFlags.slice();
  for (let i = 0; i < ADDED_FLAGS.length; i++) {
    const flag = ADDED_FLAGS[i] as Flag;
    if (added & (1 << i) && !flags.includes(flag)) flags.push(flag);
  }
  let score = 1;
  for (const flag of flags) score -= FLAG_PENALTY[flag];
  score = Math.max(0, Math.min(1, score));
  return {
    flags: Object.freeze(flags),
    confidence: score >= 0.75 ? 'high' : score >= 0.5 ? 'medium' : 'low',
    confidenceScore: Math.round(score * 100) / 100,
  };
}

function copyAlternative(a: AlternativeFigure | Estimate['alternatives'][number]) {
  return { figureId: a.figureId, statistic: a.statistic, value: a.value, sourceId: a.sourceId, description: a.description };
}

/** The sources behind these ids, each followed by the sources it cites (`via`), without repeats. */
function resolveSources(dataset: Dataset, ids: readonly string[]): readonly Source[] {
  const list: Source[] = [];
  for (const id of new Set(ids)) {
    for (let s = dataset.sources.byId[id]; s && !list.includes(s); s = s.via ? dataset.sources.byId[s.via] : undefined) list.push(s);
  }
  return Object.freeze(list);
}

/**
 * Freezes an estimate and everything in it: field by field rather than by walking it, since this
 * runs once per new query. Sources are data-set records, frozen already.
 */
export function freezeEstimate(e: Estimate): Estimate {
  Object.freeze(e.basis);
  Object.freeze(e.base);
  Object.freeze(e.bonus);
  Object.freeze(e.total);
  Object.freeze(e.spread);
  for (const a of e.adjustments) Object.freeze(a);
  Object.freeze(e.adjustments);
  for (const a of e.alternatives) Object.freeze(a);
  Object.freeze(e.alternatives);
  Object.freeze(e.sources);
  Object.freeze(e.flags);
  Object.freeze(e.notes);
  return Object.freeze(e);
}
