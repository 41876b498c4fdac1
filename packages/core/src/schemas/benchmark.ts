import * as z from 'zod';
import { IsoDateSchema } from './common.js';
import { EstimateSchema, ProfileShape } from './estimate.js';

/** The largest base or bonus an offer may state, USD a year. */
export const MAX_OFFER_AMOUNT = 100_000_000;

export const OfferSchema = z
  .strictObject({
    base: z.number().finite().positive().max(MAX_OFFER_AMOUNT).meta({ description: 'Yearly base pay offered, USD', example: 90_000 }),
    bonus: z
      .number()
      .finite()
      .nonnegative()
      .max(MAX_OFFER_AMOUNT)
      .optional()
      .meta({ description: 'Yearly bonus offered, USD', example: 2_000 }),
  })
  .meta({ id: 'Offer', description: 'A job offer: yearly base pay and optional bonus' });
export type Offer = z.infer<typeof OfferSchema>;

export const BenchmarkQuerySchema = z
  .strictObject({
    ...ProfileShape,
    asOf: IsoDateSchema.optional().meta({ description: 'Date to age the market figures to, YYYY-MM-DD', example: '2026-01-01' }),
    offer: OfferSchema,
  })
  .meta({ id: 'BenchmarkQuery', description: 'An offer and the profile it is for' });
export type BenchmarkQuery = z.input<typeof BenchmarkQuerySchema>;

export const VerdictSchema = z
  .enum(['below-market', 'competitive', 'above-market'])
  .meta({ id: 'Verdict', description: 'below-market: under p25; competitive: p25–p75; above-market: over p75' });
export type Verdict = z.infer<typeof VerdictSchema>;

export const BenchmarkSchema = z
  .object({
    percentile: z.number().min(0).max(100).meta({ description: 'Where the base offer falls in the market, 0–100', example: 50 }),
    compaRatio: z.number().meta({ description: 'Base offer ÷ market median', example: 1 }),
    rangePenetration: z.number().meta({ description: '(offer − p10) ÷ (p90 − p10): 0 at p10, 1 at p90', example: 0.5 }),
    verdict: VerdictSchema,
    delta: z
      .object({
        amount: z.number().meta({ description: 'Base offer − market median, USD', example: -5_000 }),
        percent: z.number().meta({ description: 'Base offer vs market median, percent', example: -5.6 }),
      })
      .meta({ description: 'Gap to the market median' }),
    counterOffer: z
      .object({
        low: z.number().meta({ description: 'Low end of the range, USD per year', example: 90_000 }),
        high: z.number().meta({ description: 'High end of the range, USD per year', example: 106_000 }),
        rationale: z
          .string()
          .meta({ description: 'Why this range', example: 'The offer is under the median: ask for at least the median.' }),
      })
      .meta({ description: 'A base pay range worth asking for' }),
    total: z
      .object({
        offer: z.number().meta({ description: 'Base + bonus offered', example: 92_000 }),
        marketMean: z.number().meta({ description: 'Mean total pay in the market', example: 96_700 }),
        compaRatio: z.number().meta({ description: 'Total offer ÷ market mean total', example: 0.95 }),
      })
      .meta({ description: 'The whole offer against mean total pay' }),
    market: EstimateSchema,
  })
  .meta({ id: 'Benchmark', description: 'An offer judged against the market for the same profile' });
export type Benchmark = z.infer<typeof BenchmarkSchema>;
