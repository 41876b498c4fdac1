import type { Dataset } from '../dataset/dataset.js';
import { resolveProfile } from '../model/resolve-profile.js';
import { type Benchmark, type BenchmarkQuery, BenchmarkQuerySchema, type Offer, OfferSchema, type Verdict } from '../schemas/benchmark.js';
import type { Estimate } from '../schemas/estimate.js';
import { parseInput } from '../schemas/parse-input.js';
import { lognormalCdf } from '../stats/lognormal.js';
import { computeFrozenEstimate, ESTIMATE_MEMO_SIZE } from './estimate-salary.js';
import { createQueryMemo, hashProfileQuery } from './query-memo.js';

const round2 = (n: number) => Math.round(n * 100) / 100;
const round4 = (n: number) => Math.round(n * 10_000) / 10_000;

/**
 * Judges an offer against the market for the same profile: percentile, compa-ratio, range
 * penetration, verdict, gap to the median and a counter-offer range, with the market estimate
 * it was judged against.
 *
 * @example
 * const b = benchmarkOffer(getDefaultDataset(), { level: 'mid', offer: { base: 90_000 } });
 * b.verdict; // 'competitive'
 * b.percentile; // 50
 *
 * The result is deeply frozen; its `market` may be shared with earlier answers for the same profile.
 */
export function benchmarkOffer(dataset: Dataset, query: BenchmarkQuery): Benchmark {
  // The market depends on the profile alone; the offer is validated on every call.
  const hash = hashProfileQuery(query, 'offer');
  const known = hash < 0 ? undefined : markets.get(dataset, hash, query);
  if (known) {
    const { offer } = query as { offer?: unknown };
    return judgeKnownMarket(known, parseInput(OfferSchema, offer, OFFER_PATH));
  }
  const q = parseInput(BenchmarkQuerySchema, query);
  const fresh = computeFrozenEstimate(dataset, resolveProfile(dataset, q), q.asOf);
  if (hash >= 0) markets.offer(dataset, hash, query, { market: fresh, underMedian: undefined });
  return judgeOffer(fresh, q.offer);
}

/** A memoised market (deeply frozen) and, once needed, its counter-offer for offers under the median. */
interface KnownMarket {
  readonly market: Estimate;
  underMedian: Benchmark['counterOffer'] | undefined;
}

const markets = createQueryMemo<KnownMarket>(ESTIMATE_MEMO_SIZE);
const OFFER_PATH: readonly string[] = Object.freeze(['offer']);

/**
 * {@link judgeOffer} against a memoised market: the counter-offer for offers under the median
 * depends on the market alone, so it is one frozen object per market rather than one per call.
 */
function judgeKnownMarket(known: KnownMarket, offer: Offer): Benchmark {
  const { market } = known;
  let shared = known.underMedian;
  if (shared === undefined && offer.base < market.base.p50) {
    shared = Object.freeze(underMedianCounterOffer(market.base.p50, market.base.p75));
    known.underMedian = shared;
  }
  const b = computeOfferBenchmark(market, offer, shared);
  Object.freeze(b.delta);
  if (b.counterOffer !== shared) Object.freeze(b.counterOffer);
  Object.freeze(b.total);
  return Object.freeze(b);
}

/**
 * The benchmark of an already validated offer against an already computed market estimate. Bulk
 * benchmarking calls this to share one estimate between every row with the same profile.
 * The benchmark is frozen; it is deeply frozen when the market is.
 */
export function judgeOffer(market: Estimate, offer: Offer): Benchmark {
  const b = computeOfferBenchmark(market, offer);
  // Frozen part by part: the market is frozen already, and this runs on every call.
  Object.freeze(b.delta);
  Object.freeze(b.counterOffer);
  Object.freeze(b.total);
  return Object.freeze(b);
}

function underMedianCounterOffer(p50: number, p75: number): Benchmark['counterOffer'] {
  return { low: p50, high: p75, rationale: 'The offer is under the market median: ask for the median to the 75th percentile.' };
}

/**
 * The maths of {@link judgeOffer}, the one implementation of it, without freezing its new
 * objects (`underMedian`: the counter-offer to give when the offer is under the median): for the CSV bulk benchmark, whose results are turned into text and dropped (freezing
 * them cost about 0.5 µs a row). Not exported from the package.
 */
export function computeOfferBenchmark(market: Estimate, offer: Offer, underMedian?: Benchmark['counterOffer']): Benchmark {
  const { base: offerBase, bonus: offerBonus = 0 } = offer;
  const { p10, p25, p50, p75, p90 } = market.base;

  const verdict: Verdict = offerBase < p25 ? 'below-market' : offerBase > p75 ? 'above-market' : 'competitive';
  let counterOffer: Benchmark['counterOffer'];
  if (offerBase < p50) {
    counterOffer = underMedian ?? underMedianCounterOffer(p50, p75);
  } else if (offerBase <= p75) {
    counterOffer = {
      low: Math.round(offerBase),
      high: p75,
      rationale: 'The offer is at or over the median: there is room up to the 75th percentile.',
    };
  } else {
    counterOffer = {
      low: Math.round(offerBase),
      high: Math.round(offerBase),
      rationale: 'The offer is over the 75th percentile: the market gives no ground for a higher base.',
    };
  }

  const totalOffer = offerBase + offerBonus;
  return {
    percentile: round2(100 * lognormalCdf(offerBase, p50, market.spread.sigma)),
    compaRatio: round4(offerBase / p50),
    rangePenetration: round4((offerBase - p10) / (p90 - p10)),
    verdict,
    delta: { amount: Math.round(offerBase - p50), percent: round2((offerBase / p50 - 1) * 100) },
    counterOffer,
    total: {
      offer: Math.round(totalOffer),
      marketMean: market.total.mean,
      compaRatio: round4(totalOffer / market.total.mean),
    },
    market,
  };
}
