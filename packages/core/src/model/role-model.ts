import type { Level, Occupation, OccupationMapping, PayFigure, Region, Requirement, Role, Skill } from '../schemas/catalogue.js';
import { type LognormalFactors, lognormalFactors, medianFromMean, sigmaFromDeciles, sigmaFromQuartiles } from '../stats/lognormal.js';
import { groupDigits } from '../text/group-digits.js';

/** How wide pay is within a group, and where that width comes from. */
export interface Spread {
  readonly sigma: number;
  readonly sourceId: string;
  readonly description: string;
  /** The percentiles as multiples of the median for this sigma, so no estimate calls Math.exp. */
  readonly factors: LognormalFactors;
}

/** A figure from another source, described once at load, as every estimate shows it. */
export interface AlternativeFigure {
  readonly figureId: string;
  readonly statistic: PayFigure['statistic'];
  readonly value: number;
  readonly sourceId: string;
  readonly description: string;
}

/** The national median of one level, read from one published figure. */
export interface LevelAnchor {
  readonly levelId: string;
  readonly figure: PayFigure;
  readonly median: number;
  readonly lowerBound: boolean;
  readonly spread: Spread;
  readonly description: string;
}

export interface RegionFactor {
  readonly factor: number;
  readonly kind: 'national' | 'direct' | 'price-parity-proxy' | 'none';
  readonly sourceId: string;
  readonly description: string;
  /** The price-parity factor, shown beside a direct figure for comparison. */
  readonly proxyFactor?: number;
}

export interface RaiseAssumption {
  readonly low: number;
  readonly mid: number;
  readonly high: number;
  readonly sourceId: string;
  readonly description: string;
}

/** Constants derived once from the data for one role; every insight reads them, none recomputes them. */
export interface RoleModel {
  readonly roleId: string;
  readonly paySourceId: string;
  readonly levels: readonly Level[];
  readonly requirements: Readonly<Record<string, readonly Requirement[]>>;
  /** Levels that require a leadership skill: reached only with those skills, not by years alone. */
  readonly managementLevels: ReadonlySet<string>;
  readonly allLevels?: { readonly figure: PayFigure; readonly median: number; readonly spread: Spread; readonly description: string };
  readonly anchors: Readonly<Record<string, LevelAnchor>>;
  readonly nationalBonus?: PayFigure;
  /** National bonus mean ÷ national base mean, to scale the bonus to a level. */
  readonly bonusShare?: number;
  readonly alternatives: readonly PayFigure[];
  /** {@link alternatives} as an all-levels estimate lists them. */
  readonly alternativeFigures: readonly AlternativeFigure[];
  readonly regionFactors: Readonly<Record<string, RegionFactor>>;
  readonly nationalRaise?: RaiseAssumption;
  readonly regionRaises: Readonly<Record<string, RaiseAssumption>>;
}

export interface ModelInput {
  readonly role: Role;
  readonly paySourceId: string;
  readonly regions: readonly Region[];
  readonly regionsById: Readonly<Record<string, Region>>;
  readonly rootRegionId: string;
  readonly skillsById: Readonly<Record<string, Skill>>;
  readonly requirements: readonly Requirement[];
  readonly payFigures: readonly PayFigure[];
  readonly occupations: readonly Occupation[];
  readonly occupationMappings: readonly OccupationMapping[];
}

const fmt = (n: number) => `$${groupDigits(Math.round(n))}`;
const pct = (n: number) => `${(n * 100).toFixed(2)}%`;

/** The most recent wage row of one SOC occupation. */
export function latestOccupation(occupations: readonly Occupation[], soc: string): Occupation | undefined {
  let best: Occupation | undefined;
  for (const o of occupations) if (o.soc === soc && (!best || o.year > best.year)) best = o;
  return best;
}

/** Log-normal spread of an occupation: from its deciles, or its quartiles when p90 is top-coded. */
export function occupationSpread(o: Occupation): Spread {
  if (o.p10 !== null && o.p90 !== null) {
    const sigma = sigmaFromDeciles(o.p10, o.p90);
    return {
      sigma,
      factors: lognormalFactors(sigma),
      sourceId: o.sourceId,
      description: `Log-normal spread from BLS OEWS ${o.year} deciles of SOC ${o.soc} (${o.title}): ln(${fmt(o.p90)} ÷ ${fmt(o.p10)}) ÷ 2.563`,
    };
  }
  const sigma = sigmaFromQuartiles(o.p25, o.p75);
  return {
    sigma,
    factors: lognormalFactors(sigma),
    sourceId: o.sourceId,
    description: `Log-normal spread from BLS OEWS ${o.year} quartiles of SOC ${o.soc} (${o.title}; its 90th percentile is top-coded): ln(${fmt(o.p75)} ÷ ${fmt(o.p25)}) ÷ 1.349`,
  };
}

/** Which statistic to prefer when a source gives several for the same group. */
const STAT_ORDER: readonly PayFigure['statistic'][] = ['median', 'typical', 'mean', 'lower-bound'];

function pickFigure(figures: readonly PayFigure[]): PayFigure | undefined {
  for (const stat of STAT_ORDER) {
    const f = figures.find((x) => x.statistic === stat);
    if (f) return f;
  }
  return undefined;
}

function medianOf(figure: PayFigure, sigma: number): { median: number; reading: string } {
  switch (figure.statistic) {
    case 'median':
      return { median: figure.value, reading: 'a median' };
    case 'typical':
      return { median: figure.value, reading: 'a typical figure, read as the median (our judgement)' };
    case 'mean':
      return { median: medianFromMean(figure.value, sigma), reading: 'a mean, converted to the log-normal median' };
    default:
      return { median: figure.value, reading: 'a lower bound ("upwards of"/"over"): the median shown is that floor' };
  }
}

/**
 * Derives the role's model constants. Returns the problems that make the role unusable instead
 * of throwing, so the loader can report them with every other problem in the data set.
 */
export function buildRoleModel(input: ModelInput): { model?: RoleModel; problems: string[] } {
  const { role, paySourceId, rootRegionId } = input;
  const problems: string[] = [];
  const figures = input.payFigures.filter((f) => f.roleId === role.id);
  const primary = (levelId: string | null) =>
    input.occupationMappings.find((m) => m.roleId === role.id && m.levelId === levelId && m.relation === 'primary');

  const roleMapping = primary(null);
  const roleOccupation = roleMapping && latestOccupation(input.occupations, roleMapping.soc);
  if (!roleOccupation) {
    problems.push(`role '${role.id}' has no primary occupation with wage percentiles; PayLens needs one for the spread of pay`);
    return { problems };
  }
  const totalSpread = occupationSpread(roleOccupation);

  const requirements: Record<string, Requirement[]> = Object.create(null);
  for (const level of role.levels) requirements[level.id] = [];
  for (const r of input.requirements) if (r.roleId === role.id) requirements[r.levelId]?.push(r);
  const managementLevels = new Set(
    role.levels
      .filter((l) =>
        (requirements[l.id] ?? []).some(
          (r) => r.kind === 'skill' && r.necessity === 'required' && input.skillsById[r.value]?.category === 'leadership',
        ),
      )
      .map((l) => l.id),
  );

  const national = (levelId: string | null, component: 'base' | 'bonus') =>
    figures.filter((f) => f.sourceId === paySourceId && f.levelId === levelId && f.regionId === rootRegionId && f.component === component);

  // Levels mapped to their own occupation (managers) keep that occupation's spread; the others
  // share what is left of the role's spread once the differences between their medians are removed.
  const ownSpread = new Map<string, Spread>();
  for (const level of role.levels) {
    const m = primary(level.id);
    const o = m && latestOccupation(input.occupations, m.soc);
    if (o) ownSpread.set(level.id, occupationSpread(o));
  }
  const icFigures = role.levels
    .filter((l) => !ownSpread.has(l.id))
    .map((l) => pickFigure(national(l.id, 'base')))
    .filter((f): f is PayFigure => f !== undefined && f.statistic !== 'mean');
  let withinSpread = totalSpread;
  if (icFigures.length >= 2) {
    const logs = icFigures.map((f) => Math.log(f.value));
    const avg = logs.reduce((a, b) => a + b, 0) / logs.length;
    const between = logs.reduce((a, b) => a + (b - avg) ** 2, 0) / logs.length;
    const sigma = Math.sqrt(Math.max(totalSpread.sigma ** 2 - between, (totalSpread.sigma / 2) ** 2));
    withinSpread = {
      sigma,
      factors: lognormalFactors(sigma),
      sourceId: totalSpread.sourceId,
      description: `${totalSpread.description} = ${totalSpread.sigma.toFixed(3)} for the whole occupation; within one level ${sigma.toFixed(3)}, after removing the variance between the ${icFigures.length} published level figures (law of total variance, levels weighted equally: our judgement)`,
    };
  }

  const anchors: Record<string, LevelAnchor> = Object.create(null);
  for (const level of role.levels) {
    const figure = pickFigure(national(level.id, 'base'));
    if (!figure) continue;
    const spread = ownSpread.get(level.id) ?? withinSpread;
    const { median, reading } = medianOf(figure, spread.sigma);
    anchors[level.id] = {
      levelId: level.id,
      figure,
      median,
      lowerBound: figure.statistic === 'lower-bound',
      spread,
      description: `National ${level.name} base pay of ${fmt(figure.value)}, ${reading}`,
    };
  }

  const allFigure = pickFigure(national(null, 'base'));
  const allLevels = allFigure && {
    figure: allFigure,
    median: medianOf(allFigure, totalSpread.sigma).median,
    spread: totalSpread,
    description: `National all-levels base pay, a ${allFigure.statistic} of $${groupDigits(allFigure.value)}`,
  };
  const nationalBonus = national(null, 'bonus').find((f) => f.statistic === 'mean');
  const bonusShare = nationalBonus && allFigure?.statistic === 'mean' ? nationalBonus.value / allFigure.value : undefined;

  const alternatives = figures.filter((f) => f.sourceId !== paySourceId && f.levelId === null);
  const alternativeFigures = alternatives.map((f) => ({
    figureId: f.id,
    statistic: f.statistic,
    value: f.value,
    sourceId: f.sourceId,
    description: `${f.statistic} of ${groupDigits(f.value)} USD (${f.regionId}${f.notes ? `; ${f.notes}` : ''}); not combined with the estimate`,
  }));

  // Regional factor: a figure the pay source gives for the region wins; else BEA price parity as a proxy.
  const rootRpp = input.regionsById[rootRegionId]?.rpp?.value ?? 100;
  const regionFactors: Record<string, RegionFactor> = Object.create(null);
  const proxyOf = (region: Region): RegionFactor | undefined => {
    for (let r: Region | undefined = region; r; r = r.parentId ? input.regionsById[r.parentId] : undefined) {
      if (r.id === rootRegionId) return undefined;
      if (r.rpp) {
        const inherited = r.id === region.id ? '' : ` (taken from ${r.name}, which contains it)`;
        return {
          factor: r.rpp.value / rootRpp,
          kind: 'price-parity-proxy',
          sourceId: r.rpp.sourceId,
          description: `No pay figure for ${region.name}: BEA Regional Price Parity ${r.rpp.value.toFixed(3)} (${r.rpp.year}, US = ${rootRpp})${inherited} used as a proxy for local pay; it measures prices, not wages`,
        };
      }
    }
    return undefined;
  };
  for (const region of input.regions) {
    if (region.id === rootRegionId) {
      regionFactors[region.id] = { factor: 1, kind: 'national', sourceId: paySourceId, description: 'National figures' };
      continue;
    }
    const proxy = proxyOf(region);
    const direct =
      allFigure &&
      figures.find(
        (f) =>
          f.sourceId === paySourceId &&
          f.levelId === null &&
          f.regionId === region.id &&
          f.component === 'base' &&
          f.statistic === allFigure.statistic,
      );
    if (direct && allFigure) {
      const factor = direct.value / allFigure.value;
      regionFactors[region.id] = {
        factor,
        kind: 'direct',
        sourceId: direct.sourceId,
        description: `${region.name}: the source puts pay at ${fmt(direct.value)} against ${fmt(allFigure.value)} nationally (×${factor.toFixed(4)}), applied to every level${proxy ? `; BEA price parity alone would give ×${proxy.factor.toFixed(4)}` : ''}`,
        ...(proxy ? { proxyFactor: proxy.factor } : {}),
      };
    } else if (proxy) {
      regionFactors[region.id] = proxy;
    } else {
      regionFactors[region.id] = {
        factor: 1,
        kind: 'none',
        sourceId: paySourceId,
        description: `No pay figure or price parity for ${region.name}: national pay shown`,
      };
    }
  }

  const regionRaises: Record<string, RaiseAssumption> = Object.create(null);
  for (const region of input.regions) {
    for (let r: Region | undefined = region; r; r = r.parentId ? input.regionsById[r.parentId] : undefined) {
      if (r.raiseRate) {
        const { low, high } = r.raiseRate;
        regionRaises[region.id] = {
          low,
          mid: (low + high) / 2,
          high,
          sourceId: r.raiseRate.sourceId,
          description: `Yearly raise in ${r.name}: ${pct(low)}–${pct(high)} as the source states it`,
        };
        break;
      }
    }
  }

  let nationalRaise: RaiseAssumption | undefined;
  const years = input.occupations.filter((o) => o.soc === roleOccupation.soc).sort((a, b) => b.year - a.year);
  const [latest, previous] = years;
  if (latest && previous && latest.year > previous.year) {
    const rate = (latest.median / previous.median) ** (1 / (latest.year - previous.year)) - 1;
    nationalRaise = {
      low: rate,
      mid: rate,
      high: rate,
      sourceId: latest.sourceId,
      description: `National yearly raise assumed at ${pct(rate)}: the change in the BLS OEWS median of SOC ${latest.soc} from ${previous.year} to ${latest.year} (a shift of the whole occupation, used as a proxy for raises: our judgement)`,
    };
  }

  const model: RoleModel = {
    roleId: role.id,
    paySourceId,
    levels: role.levels,
    requirements,
    managementLevels,
    ...(allLevels ? { allLevels } : {}),
    anchors,
    ...(nationalBonus ? { nationalBonus } : {}),
    ...(bonusShare !== undefined ? { bonusShare } : {}),
    alternatives,
    alternativeFigures,
    regionFactors,
    ...(nationalRaise ? { nationalRaise } : {}),
    regionRaises,
  };
  return { model, problems };
}
