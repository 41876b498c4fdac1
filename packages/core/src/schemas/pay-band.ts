import * as z from 'zod';
import { IsoDateSchema } from './common.js';
import { EstimateSchema, ProfileShape } from './estimate.js';

export const PayBandQuerySchema = z
  .strictObject({
    ...ProfileShape,
    asOf: IsoDateSchema.optional().meta({ description: 'Date to age the market figures to, YYYY-MM-DD', example: '2026-01-01' }),
    method: z
      .enum(['spread', 'percentiles'])
      .default('spread')
      .meta({ description: 'spread: a band of spreadPercent around the market median; percentiles: the band is two market percentiles' }),
    spreadPercent: z
      .number()
      .finite()
      .gt(0)
      .max(300)
      .optional()
      .meta({ description: 'Range spread (max − min) ÷ min, percent; method spread only; default 40', example: 40 }),
    percentiles: z
      .enum(['p10-p90', 'p25-p75'])
      .optional()
      .meta({ description: 'Which market percentiles bound the band; method percentiles only; default p25-p75', example: 'p25-p75' }),
  })
  .superRefine((q, ctx) => {
    if (q.method === 'spread' && q.percentiles !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['percentiles'], message: "percentiles applies to method 'percentiles' only" });
    }
    if (q.method === 'percentiles' && q.spreadPercent !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['spreadPercent'], message: "spreadPercent applies to method 'spread' only" });
    }
  })
  .meta({
    id: 'PayBandQuery',
    description: 'A role, level and region to build a pay band for, and how wide',
    example: { level: 'mid', region: 'us-ca-san-francisco', method: 'spread', spreadPercent: 40 },
  });
export type PayBandQuery = z.input<typeof PayBandQuerySchema>;

export const PayBandSchema = z
  .object({
    role: z.string().meta({ description: 'Role id' }),
    level: z.string().nullable().meta({ description: 'Level id; null for all levels together' }),
    region: z.string().meta({ description: 'Region id' }),
    method: z.enum(['spread', 'percentiles']).meta({ description: 'How the band was built' }),
    percentiles: z.enum(['p10-p90', 'p25-p75']).nullable().meta({ description: 'The percentiles used; null for method spread' }),
    spreadPercent: z.number().meta({ description: '(max − min) ÷ min, percent: as asked, or as implied by the percentiles', example: 40 }),
    min: z.number().meta({ description: 'USD a year', example: 75_000 }),
    midpoint: z.number().meta({ description: 'The market median, USD a year', example: 90_000 }),
    max: z.number().meta({ description: 'USD a year', example: 105_000 }),
    position: z
      .object({
        min: z.number().meta({ description: 'Market percentile of min' }),
        max: z.number().meta({ description: 'Market percentile of max' }),
      })
      .meta({ description: 'Where min and max fall in the market, percentiles 0–100' }),
    definition: z.string().meta({ description: 'How min, midpoint and max were computed' }),
    market: EstimateSchema,
  })
  .meta({ id: 'PayBand', description: 'A salary band (min, midpoint, max) built from the market percentiles' });
export type PayBand = z.infer<typeof PayBandSchema>;
