import * as z from 'zod';
import { IdSchema } from './common.js';
import { ConfidenceSchema, ProfileResultShape, ProfileShape } from './estimate.js';

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
    region: z.string().meta({ description: 'Region id', example: 'us-ny-new-york' }),
    name: z.string().meta({ description: 'Region name' }),
    kind: z.enum(['national', 'state', 'metro']).meta({ description: 'What kind of region it is' }),
    nominal: z
      .object({ p50: z.number().meta({ description: 'Median' }), mean: z.number().meta({ description: 'Mean' }) })
      .meta({ description: 'Base pay as estimated for the region, USD a year' }),
    factor: z
      .object({
        value: z.number().meta({ description: 'Multiplier on national pay', example: 1.1256 }),
        kind: z.enum(['national', 'direct', 'price-parity-proxy', 'none']).meta({
          description:
            'direct: a sourced regional pay figure; price-parity-proxy: derived from the RPP; national or none: no regional factor',
        }),
        description: z.string().meta({ description: 'Where the factor comes from' }),
        sourceId: z.string().meta({ description: 'Id of the source of the factor' }),
      })
      .meta({ description: 'The regional pay factor behind the nominal figure: a direct pay figure or a price-parity proxy' }),
    purchasingPower: z
      .object({
        p50: z.number().meta({ description: 'Median at national prices' }),
        mean: z.number().meta({ description: 'Mean at national prices' }),
        rpp: z.number().meta({ description: 'BEA Regional Price Parity used (US = 100)', example: 112.563 }),
        rppYear: z.number().int().meta({ description: 'Year of the RPP' }),
        rppRegion: z.string().meta({ description: 'Region the RPP belongs to (a containing region when the region has none)' }),
        sourceId: z.string().meta({ description: 'Id of the RPP source' }),
      })
      .nullable()
      .meta({ description: 'Nominal pay ÷ (RPP ÷ national RPP): what the pay buys at national prices; null without an RPP' }),
    labourMarket: z
      .object({
        opmLocalityPercent: z.number().meta({ description: 'OPM locality pay percent of the area', example: 37.95 }),
        restOfUsPercent: z.number().nullable().meta({ description: 'OPM Rest-of-U.S. locality percent the same year' }),
        ratio: z.number().nullable().meta({ description: '(1 + area%) ÷ (1 + Rest-of-U.S.%)', example: 1.1785 }),
        year: z.number().int().meta({ description: 'OPM pay table year' }),
        sourceId: z.string().meta({ description: 'Id of the OPM source' }),
        description: z.string().meta({ description: 'How to read the figure' }),
      })
      .nullable()
      .meta({ description: 'OPM General Schedule locality pay: a labour-market view, shown beside pay and never mixed into it' }),
    rank: z
      .object({
        nominal: z.number().int().meta({ description: '1 = highest nominal median' }),
        purchasingPower: z.number().int().nullable().meta({ description: '1 = highest purchasing-power median' }),
      })
      .meta({ description: 'Rank among the regions compared' }),
    confidence: ConfidenceSchema,
    flags: z.array(z.string()).meta({ description: 'Flags of the estimate (see Flag)' }),
  })
  .meta({ id: 'RegionComparisonRow', description: 'One region of a comparison' });
export type RegionComparisonRow = z.infer<typeof RegionComparisonRowSchema>;

export const RegionComparisonSchema = z
  .object({
    ...ProfileResultShape,
    regions: z.array(RegionComparisonRowSchema).meta({ description: 'In the order asked' }),
    rankedByNominal: z.array(z.string()).meta({ description: 'Region ids, highest nominal median first' }),
    rankedByPurchasingPower: z.array(z.string()).meta({ description: 'Region ids with an RPP, highest purchasing-power median first' }),
    notes: z.array(z.string()).meta({ description: 'What to know when reading the answer' }),
  })
  .meta({
    id: 'RegionComparison',
    description: 'The same profile across regions: nominal pay, purchasing power and the OPM labour-market view',
  });
export type RegionComparison = z.infer<typeof RegionComparisonSchema>;
