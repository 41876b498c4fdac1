import { z } from 'zod';
import { IdSchema } from './common.js';
import { ProfileShape } from './estimate.js';

export const RegionComparisonQuerySchema = z
  .strictObject({
    role: ProfileShape.role,
    level: ProfileShape.level,
    yearsExperience: ProfileShape.yearsExperience,
    skills: ProfileShape.skills,
    education: ProfileShape.education,
    regions: z
      .array(IdSchema)
      .min(1)
      .max(25)
      .readonly()
      .superRefine((ids, ctx) => {
        ids.forEach((id, i) => {
          if (ids.indexOf(id) !== i) ctx.addIssue({ code: 'custom', path: [i], message: `region '${id}' is listed twice` });
        });
      })
      .meta({ description: 'Region ids to compare, 1–25, each once', example: ['us-ny-new-york', 'us-tx-houston'] }),
  })
  .meta({
    id: 'RegionComparisonQuery',
    description: 'One profile and the regions to compare it across',
    example: { level: 'mid', regions: ['us-ny-new-york', 'us-tx-houston', 'us-ca-san-francisco'] },
  });
export type RegionComparisonQuery = z.input<typeof RegionComparisonQuerySchema>;

export const RegionComparisonRowSchema = z
  .object({
    region: z.string().meta({ example: 'us-ny-new-york' }),
    name: z.string(),
    kind: z.enum(['national', 'state', 'metro']),
    nominal: z.object({ p50: z.number(), mean: z.number() }).meta({ description: 'Base pay as estimated for the region, USD a year' }),
    factor: z
      .object({
        value: z.number().meta({ example: 1.1256 }),
        kind: z.enum(['national', 'direct', 'price-parity-proxy', 'none']),
        description: z.string(),
        sourceId: z.string(),
      })
      .meta({ description: 'The regional pay factor behind the nominal figure: a direct pay figure or a price-parity proxy' }),
    purchasingPower: z
      .object({
        p50: z.number(),
        mean: z.number(),
        rpp: z.number().meta({ description: 'BEA Regional Price Parity used (US = 100)', example: 112.563 }),
        rppYear: z.number().int(),
        rppRegion: z.string().meta({ description: 'Region the RPP belongs to (a containing region when the region has none)' }),
        sourceId: z.string(),
      })
      .nullable()
      .meta({ description: 'Nominal pay ÷ (RPP ÷ national RPP): what the pay buys at national prices; null without an RPP' }),
    labourMarket: z
      .object({
        opmLocalityPercent: z.number().meta({ example: 37.95 }),
        restOfUsPercent: z.number().nullable(),
        ratio: z.number().nullable().meta({ description: '(1 + area%) ÷ (1 + Rest-of-U.S.%)', example: 1.1785 }),
        year: z.number().int(),
        sourceId: z.string(),
        description: z.string(),
      })
      .nullable()
      .meta({ description: 'OPM General Schedule locality pay: a labour-market view, shown beside pay and never mixed into it' }),
    rank: z.object({
      nominal: z.number().int().meta({ description: '1 = highest nominal median' }),
      purchasingPower: z.number().int().nullable().meta({ description: '1 = highest purchasing-power median' }),
    }),
    confidence: z.enum(['high', 'medium', 'low']),
    flags: z.array(z.string()),
  })
  .meta({ id: 'RegionComparisonRow', description: 'One region of a comparison' });
export type RegionComparisonRow = z.infer<typeof RegionComparisonRowSchema>;

export const RegionComparisonSchema = z
  .object({
    role: z.string(),
    level: z.string().nullable(),
    levelBasis: z.enum(['requested', 'inferred', 'all-levels']),
    regions: z.array(RegionComparisonRowSchema).meta({ description: 'In the order asked' }),
    rankedByNominal: z.array(z.string()).meta({ description: 'Region ids, highest nominal median first' }),
    rankedByPurchasingPower: z.array(z.string()).meta({ description: 'Region ids with an RPP, highest purchasing-power median first' }),
    notes: z.array(z.string()),
  })
  .meta({
    id: 'RegionComparison',
    description: 'The same profile across regions: nominal pay, purchasing power and the OPM labour-market view',
  });
export type RegionComparison = z.infer<typeof RegionComparisonSchema>;
