import type { Dataset } from '../dataset/dataset.js';
import { NoDataError } from '../errors/index.js';
import { placeLevel } from '../model/place-level.js';
import { resolveProfile } from '../model/resolve-profile.js';
import type { Level } from '../schemas/catalogue.js';
import { parseInput } from '../schemas/parse-input.js';
import { type Projection, type ProjectionPoint, type ProjectionQuery, ProjectionQuerySchema } from '../schemas/projection.js';
import { computeEstimate } from './estimate-salary.js';

const pct = (r: number) => `${(r * 100).toFixed(2)}%`;
const JUDGEMENT = 'paylens-judgement';

/**
 * Projects yearly pay over 1–40 years. Each year the person gains a year of experience (skills
 * and education fixed) and is promoted as soon as `placeLevel` puts them on a higher level.
 *
 * The rule: year 0 is the market median (p50) of the starting level in the region. Within a
 * level, pay grows by the yearly raise, compounded. On promotion in year t, pay moves to the new
 * level's market median in the region, aged by the raises so far: median × (1 + r)^t. The raise
 * is the region's rate where the data has one (New York 2–3%: the series runs at the mid rate,
 * with `low` and `high` paths beside it), otherwise the national rate derived from BLS OEWS.
 * Total pay keeps the bonus at the level's share of base.
 *
 * @throws ValidationError for malformed input, UnknownReferenceError for unknown ids,
 *   NoDataError when the starting level has no pay figure or the data holds no raise rate,
 *   InconsistentQueryError for contradictions (manager with under 5 years).
 *
 * @example
 * const p = projectPay(getDefaultDataset(), { yearsExperience: 2, region: 'us-ny-new-york', horizonYears: 5 });
 * p.series[1].base.p50 / p.series[0].base.p50; // 1.025 (New York, mid rate)
 * p.series[3].reason; // 'promoted to senior: 5 years reached'
 * p.low?.length; // 6 (years 0–5 at 2%)
 */
export function projectPay(dataset: Dataset, query: ProjectionQuery): Projection {
  const q = parseInput(ProjectionQuerySchema, query);
  const assumptions: Projection['assumptions'] = [];

  let startYears = q.yearsExperience;
  if (startYears === undefined && q.level === undefined) {
    startYears = 0;
    assumptions.push({
      description: 'Neither level nor yearsExperience given: projected from 0 years of experience.',
      basis: 'judgement',
      sourceId: JUDGEMENT,
    });
  }
  const profile = resolveProfile(dataset, { ...q, yearsExperience: startYears });
  const { model, region, role } = profile;
  const startLevel = profile.level;
  if (!startLevel) throw new NoDataError('level', 'No starting level could be settled');
  if (startYears === undefined) {
    startYears = startLevel.minYears;
    assumptions.push({
      description: `yearsExperience not given: taken as ${startLevel.name}'s minimum of ${startLevel.minYears} years.`,
      basis: 'judgement',
      sourceId: JUDGEMENT,
    });
  }

  const regional = model.regionRaises[region.id];
  const raise = regional ?? model.nationalRaise;
  if (!raise) throw new NoDataError('region', `The data set holds no raise rate for ${region.name} and no national rate`);

  const figureYear = Number(model.anchors[startLevel.id]?.figure.asOf.slice(0, 4));
  const startYear = q.startYear ?? figureYear;
  const asOf = q.startYear !== undefined ? `${q.startYear}-01-01` : undefined;

  // The market median and total/base ratio of each level, computed once.
  const market = new Map<string, { p50: number; totalRatio: number }>();
  const marketOf = (level: Level) => {
    let m = market.get(level.id);
    if (!m) {
      const e = computeEstimate(dataset, resolveProfile(dataset, { role: role.id, region: region.id, level: level.id }), asOf, 'startYear');
      m = { p50: e.base.p50, totalRatio: e.total.p50 / e.base.p50 };
      market.set(level.id, m);
    }
    return m;
  };

  const person = (years: number) => ({
    yearsExperience: years,
    skills: profile.skills,
    ...(q.education !== undefined ? { education: q.education } : {}),
  });

  const path = (rate: number): ProjectionPoint[] => {
    let level = startLevel;
    let pay = marketOf(level).p50;
    let unpricedNoted = false;
    const point = (t: number, raised: number, promoted: boolean, reason: string): ProjectionPoint => ({
      year: startYear + t,
      yearsFromStart: t,
      yearsExperience: (startYears ?? 0) + t,
      level: level.id,
      base: { p50: Math.round(pay) },
      total: { p50: Math.round(pay * marketOf(level).totalRatio) },
      raise: Math.round(raised * 1e6) / 1e6,
      promoted,
      reason,
    });
    const points = [point(0, 0, false, `start at ${level.id}: market median in ${region.name}`)];
    for (let t = 1; t <= q.horizonYears; t++) {
      const placement = placeLevel(dataset, model, person((startYears ?? 0) + t));
      const before = pay;
      let reason: string;
      let promoted = false;
      if (placement && placement.level.rank > level.rank) {
        level = placement.level;
        pay = marketOf(level).p50 * (1 + rate) ** t;
        promoted = true;
        const gate = model.managementLevels.has(level.id) ? ' with the required skills and education' : '';
        reason = `promoted to ${level.id}: ${level.minYears} years reached${gate}`;
      } else {
        pay *= 1 + rate;
        reason = `${pct(rate)} raise`;
      }
      if (placement?.unpricedHigher && !unpricedNoted) {
        unpricedNoted = true;
        reason += `; eligible for ${placement.unpricedHigher.id}, which has no pay figure, so projected at ${level.id}`;
      }
      points.push(point(t, pay / before - 1, promoted, reason));
    }
    return points;
  };

  assumptions.push(
    { description: raise.description, basis: regional ? 'sourced' : 'judgement', sourceId: raise.sourceId },
    { description: 'Raises compound on the pay within a level.', basis: 'judgement', sourceId: JUDGEMENT },
    {
      description:
        "On promotion pay moves to the new level's market median in the region, aged by the raises so far: median × (1 + rate)^years.",
      basis: 'judgement',
      sourceId: JUDGEMENT,
    },
    {
      description:
        'Promotion as soon as the person qualifies for a higher level: experience grows a year each year; skills and education stay as given.',
      basis: 'judgement',
      sourceId: JUDGEMENT,
    },
    {
      description: "Total pay keeps the bonus at the level's share of base in the market estimate.",
      basis: 'judgement',
      sourceId: JUDGEMENT,
    },
  );

  const ranged = raise.low !== raise.high;
  return {
    role: role.id,
    region: region.id,
    startYear,
    startLevel: startLevel.id,
    raise: {
      scope: regional ? 'region' : 'national',
      low: raise.low,
      mid: raise.mid,
      high: raise.high,
      sourceId: raise.sourceId,
      description: raise.description,
    },
    series: path(raise.mid),
    ...(ranged ? { low: path(raise.low), high: path(raise.high) } : {}),
    assumptions,
  };
}
