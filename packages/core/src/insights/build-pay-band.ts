import type { Dataset } from '../dataset/dataset.js';
import { resolveProfile } from '../model/resolve-profile.js';
import { parseInput } from '../schemas/parse-input.js';
import { type PayBand, type PayBandQuery, PayBandQuerySchema } from '../schemas/pay-band.js';
import { lognormalCdf } from '../stats/lognormal.js';
import { computeEstimate } from './estimate-salary.js';

/** The range spread used when none is asked for: a common width for a single-grade band. */
export const DEFAULT_SPREAD_PERCENT = 40;

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Builds a salary band for a role and level (and region) from the market percentiles.
 *
 * - `method: 'spread'` (default): the midpoint is the market median and `spreadPercent` s is the
 *   range spread, (max − min) ÷ min. So min = midpoint ÷ (1 + s/2) and max = min × (1 + s),
 *   which puts the midpoint halfway between them: s = 40% gives min = mid ÷ 1.2, max = min × 1.4.
 * - `method: 'percentiles'`: min and max are the market p25 and p75 (or p10 and p90), the
 *   midpoint the market median (their geometric centre, pay being log-normal); the spread is
 *   the one they imply.
 *
 * @throws ValidationError for malformed input, UnknownReferenceError for unknown ids, NoDataError
 *   where the data holds no pay figure (director), InconsistentQueryError for contradictions.
 *
 * @example
 * const band = buildPayBand(getDefaultDataset(), { level: 'mid', spreadPercent: 40 });
 * [band.min, band.midpoint, band.max]; // [75000, 90000, 105000]
 * buildPayBand(getDefaultDataset(), { level: 'mid', method: 'percentiles' }).min; // 71345 (market p25)
 */
export function buildPayBand(dataset: Dataset, query: PayBandQuery): PayBand {
  const q = parseInput(PayBandQuerySchema, query);
  const { method, spreadPercent, percentiles, asOf, ...profileInput } = q;
  const market = computeEstimate(dataset, resolveProfile(dataset, profileInput), asOf);
  const { base, spread } = market;
  const midpoint = base.p50;

  let min: number;
  let max: number;
  let definition: string;
  let used: PayBand['percentiles'] = null;
  if (method === 'spread') {
    const s = (spreadPercent ?? DEFAULT_SPREAD_PERCENT) / 100;
    min = Math.round(midpoint / (1 + s / 2));
    max = Math.round((midpoint / (1 + s / 2)) * (1 + s));
    definition = `Range spread ${round2(s * 100)}% = (max − min) ÷ min around the market median ${midpoint}: min = median ÷ (1 + ${round2(s / 2)}), max = min × (1 + ${round2(s)}); the midpoint is halfway between them`;
  } else {
    used = percentiles ?? 'p25-p75';
    [min, max] = used === 'p10-p90' ? [base.p10, base.p90] : [base.p25, base.p75];
    definition = `min and max are the market ${used === 'p10-p90' ? '10th and 90th' : '25th and 75th'} percentiles; the midpoint is the market median (their geometric centre)`;
  }

  return {
    role: market.role,
    level: market.level,
    region: market.region,
    method,
    percentiles: used,
    spreadPercent: round2((max / min - 1) * 100),
    min,
    midpoint,
    max,
    position: {
      min: round2(100 * lognormalCdf(min, midpoint, spread.sigma)),
      max: round2(100 * lognormalCdf(max, midpoint, spread.sigma)),
    },
    definition,
    market,
  };
}
