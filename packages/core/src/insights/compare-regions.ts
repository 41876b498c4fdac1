import type { Dataset } from '../dataset/dataset.js';
import { UnknownReferenceError } from '../errors/index.js';
import { resolveProfile, suggestId } from '../model/resolve-profile.js';
import type { IndexValue, Region } from '../schemas/catalogue.js';
import { parseInput } from '../schemas/parse-input.js';
import {
  type RegionComparison,
  type RegionComparisonQuery,
  RegionComparisonQuerySchema,
  type RegionComparisonRow,
} from '../schemas/region-comparison.js';
import { computeEstimate } from './estimate-salary.js';

const round4 = (n: number) => Math.round(n * 10_000) / 10_000;

/** The region's own RPP, or that of the nearest region containing it. */
function findRpp(dataset: Dataset, region: Region): { rpp: IndexValue; regionId: string } | undefined {
  for (let r: Region | undefined = region; r; r = r.parentId ? dataset.regions.byId[r.parentId] : undefined) {
    if (r.rpp) return { rpp: r.rpp, regionId: r.id };
  }
  return undefined;
}

/** Ranks (1 = highest) of the defined values, compared in whole dollars; ties keep the order asked. */
function rank(values: readonly (number | undefined)[]): (number | null)[] {
  const order = values
    .map((v, i) => ({ v, i }))
    .filter((x): x is { v: number; i: number } => x.v !== undefined)
    .sort((a, b) => b.v - a.v || a.i - b.i);
  const ranks: (number | null)[] = values.map(() => null);
  order.forEach((x, k) => {
    ranks[x.i] = k + 1;
  });
  return ranks;
}

/**
 * The same profile across 1–25 regions: nominal base pay (p50, mean) with the regional factor
 * behind it (a direct pay figure or a BEA price-parity proxy); purchasing-power pay, nominal ÷
 * (RPP ÷ national RPP), with the RPP, its year and source; and, where the region is an OPM
 * locality area, the OPM locality percentage and (1 + area%) ÷ (1 + Rest-of-U.S.%), the root
 * region carrying the Rest-of-U.S. rate. The OPM view describes federal labour markets and is
 * shown beside pay, never mixed into it. Regions are ranked by nominal and by purchasing power.
 *
 * @throws ValidationError for malformed input (a region listed twice: `regions.<i>`),
 *   UnknownReferenceError for unknown ids (an unknown region: `regions.<i>`), NoDataError and
 *   InconsistentQueryError as {@link estimateSalary} does.
 *
 * @example
 * const c = compareRegions(getDefaultDataset(), { level: 'mid', regions: ['us-ny-new-york', 'us-tx-houston'] });
 * c.regions[0].nominal.p50; // 101307
 * c.regions[0].purchasingPower?.p50; // 90000 (112.563 RPP)
 * c.regions[0].labourMarket?.ratio; // 1.1785 (OPM 37.95% vs Rest of U.S. 17.06%)
 * c.rankedByNominal; // ['us-ny-new-york', 'us-tx-houston']
 */
export function compareRegions(dataset: Dataset, query: RegionComparisonQuery): RegionComparison {
  const q = parseInput(RegionComparisonQuerySchema, query);
  const regions = q.regions.map((id, i) => {
    const region = dataset.regions.byId[id];
    if (!region) throw new UnknownReferenceError('region', id, `regions.${i}`, suggestId(id, dataset.regions.byId));
    return region;
  });
  const root = dataset.regions.byId[dataset.rootRegionId];
  const rootRpp = root?.rpp?.value ?? 100;
  const restOfUs = root?.opmLocality;

  const { regions: _ids, ...profileInput } = q;
  let levelInfo: Pick<RegionComparison, 'role' | 'level' | 'levelBasis'> | undefined;
  const partial = regions.map((region) => {
    const profile = resolveProfile(dataset, { ...profileInput, region: region.id });
    const e = computeEstimate(dataset, profile);
    levelInfo ??= { role: e.role, level: e.level, levelBasis: e.levelBasis };
    const factor = profile.model.regionFactors[region.id];
    const found = findRpp(dataset, region);
    const deflator = found ? found.rpp.value / rootRpp : undefined;
    const opm = region.opmLocality;
    const row: Omit<RegionComparisonRow, 'rank'> = {
      region: region.id,
      name: region.name,
      kind: region.kind,
      nominal: { p50: e.base.p50, mean: e.base.mean },
      factor: {
        value: round4(factor?.factor ?? 1),
        kind: factor?.kind ?? 'none',
        description: factor?.description ?? 'No regional factor',
        sourceId: factor?.sourceId ?? e.basis.sourceId,
      },
      purchasingPower:
        found && deflator
          ? {
              p50: Math.round(e.base.p50 / deflator),
              mean: Math.round(e.base.mean / deflator),
              rpp: found.rpp.value,
              rppYear: found.rpp.year,
              rppRegion: found.regionId,
              sourceId: found.rpp.sourceId,
            }
          : null,
      labourMarket: opm
        ? {
            opmLocalityPercent: opm.value,
            restOfUsPercent: restOfUs?.value ?? null,
            ratio: restOfUs ? round4((1 + opm.value / 100) / (1 + restOfUs.value / 100)) : null,
            year: opm.year,
            sourceId: opm.sourceId,
            description: `OPM ${opm.year} General Schedule locality pay of ${opm.value}%${restOfUs ? ` against ${restOfUs.value}% for the Rest of U.S.` : ''}: a labour-market view of federal pay, not used in the pay figures`,
          }
        : null,
      confidence: e.confidence,
      flags: [...e.flags],
    };
    return row;
  });

  const nominalRanks = rank(partial.map((r) => r.nominal.p50));
  const ppRanks = rank(partial.map((r) => r.purchasingPower?.p50));
  const rows: RegionComparisonRow[] = partial.map((r, i) => ({
    ...r,
    rank: { nominal: nominalRanks[i] ?? 0, purchasingPower: ppRanks[i] ?? null },
  }));
  const by = (key: 'nominal' | 'purchasingPower') =>
    rows
      .filter((r) => r.rank[key] !== null)
      .sort((a, b) => (a.rank[key] ?? 0) - (b.rank[key] ?? 0))
      .map((r) => r.region);

  const notes = [
    `Purchasing power = nominal ÷ (RPP ÷ ${rootRpp}): BEA Regional Price Parities measure prices, so this is what the pay buys at national prices.`,
  ];
  if (rows.some((r) => r.factor.kind === 'price-parity-proxy')) {
    notes.push(
      'Where the pay factor is itself the price-parity proxy, purchasing-power pay equals national pay by construction: the data holds no local pay figure there.',
    );
  }
  if (rows.some((r) => r.labourMarket)) {
    notes.push('The OPM locality view compares federal labour markets; it is shown for context and never mixed into pay.');
  }
  return {
    ...(levelInfo ?? { role: q.role ?? dataset.defaultRoleId, level: null, levelBasis: 'all-levels' }),
    regions: rows,
    rankedByNominal: by('nominal'),
    rankedByPurchasingPower: by('purchasingPower'),
    notes,
  };
}
