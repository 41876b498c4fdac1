import { z } from 'zod';
import { SourceSchema } from './catalogue.js';
import { IdSchema, IsoDateSchema } from './common.js';

export const SkillListSchema = z
  .array(IdSchema)
  .max(50)
  .readonly()
  .meta({ description: 'Skill ids the person has', example: ['dicom', 'hl7'] });

/** The profile every insight starts from: who, where, and when. */
export const ProfileShape = {
  role: IdSchema.optional().meta({ description: 'Role id; the data set’s default role when omitted', example: 'pacs-administrator' }),
  level: IdSchema.optional().meta({
    description: 'Level id on the role’s ladder; when omitted, inferred from yearsExperience, or all levels together',
    example: 'mid',
  }),
  yearsExperience: z.number().finite().min(0).max(60).optional().meta({ description: 'Years of relevant experience', example: 4 }),
  region: IdSchema.optional().meta({ description: 'Region id; the national region when omitted', example: 'us-ca-san-francisco' }),
  skills: SkillListSchema.optional(),
  education: IdSchema.optional().meta({ description: 'Highest education id', example: 'bachelors' }),
} as const;

export const EstimateQuerySchema = z
  .strictObject({
    ...ProfileShape,
    asOf: IsoDateSchema.refine((d) => d >= '1990-01-01' && d <= '2100-12-31', 'asOf must lie between 1990-01-01 and 2100-12-31')
      .optional()
      .meta({
        description: 'Date to age the figures to, YYYY-MM-DD; figures are as the sources state them when omitted',
        example: '2026-01-01',
      }),
  })
  .meta({ id: 'EstimateQuery', description: 'What to estimate pay for' });
export type EstimateQuery = z.input<typeof EstimateQuerySchema>;

export const FlagSchema = z
  .enum([
    'lower-bound',
    'thin-data',
    'proxy-region-factor',
    'no-region-data',
    'extrapolated',
    'aged',
    'level-inferred',
    'below-level-minimum',
    'conflicting-sources',
    'bonus-scaled',
  ])
  .meta({
    id: 'Flag',
    description:
      'lower-bound: the source gives only a floor, so the median shown is that floor; thin-data: one published point, spread borrowed from BLS; proxy-region-factor: regional pay approximated by BEA price parity; no-region-data: no regional figure, national pay shown; extrapolated: aged more than 3 years past the figure; aged: figures moved to asOf; level-inferred: level placed from experience and skills; below-level-minimum: fewer years than the level asks; conflicting-sources: another source disagrees (see alternatives); bonus-scaled: bonus scaled from the all-levels bonus share',
  });
export type Flag = z.infer<typeof FlagSchema>;

export const AdjustmentSchema = z
  .object({
    kind: z.enum(['region', 'aging', 'level']).meta({ description: 'What the factor adjusts for' }),
    factor: z.number().meta({ example: 1.1705 }),
    description: z.string(),
    sourceId: z.string(),
  })
  .meta({ id: 'Adjustment', description: 'One multiplicative adjustment applied to the base figure' });
export type Adjustment = z.infer<typeof AdjustmentSchema>;

const money = z.number().meta({ description: 'USD per year' });

export const PercentilesSchema = z
  .object({ p10: money, p25: money, p50: money, p75: money, p90: money, mean: money })
  .meta({ id: 'Percentiles' });

export const EstimateSchema = z
  .object({
    role: z.string().meta({ example: 'pacs-administrator' }),
    level: z.string().nullable().meta({ description: 'null when the figure covers all levels', example: 'mid' }),
    levelBasis: z.enum(['requested', 'inferred', 'all-levels']),
    region: z.string().meta({ example: 'us' }),
    asOf: z.string().meta({ description: 'Date the figures describe', example: '2025-01-01' }),
    currency: z.literal('USD'),
    period: z.literal('year'),
    basis: z
      .object({
        figureId: z.string(),
        statistic: z.string(),
        value: z.number(),
        sourceId: z.string(),
        description: z.string(),
      })
      .meta({ description: 'The published figure the estimate starts from, before adjustments' }),
    base: PercentilesSchema,
    bonus: z.object({ mean: money }),
    total: PercentilesSchema,
    spread: z.object({
      sigma: z.number().meta({ description: 'Log-normal sigma of base pay' }),
      description: z.string(),
      sourceId: z.string(),
    }),
    adjustments: z.array(AdjustmentSchema),
    alternatives: z
      .array(z.object({ figureId: z.string(), statistic: z.string(), value: z.number(), sourceId: z.string(), description: z.string() }))
      .meta({ description: 'Figures from other sources for the same group, shown beside the estimate and never averaged into it' }),
    sources: z.array(SourceSchema),
    confidence: z.enum(['high', 'medium', 'low']),
    confidenceScore: z.number().min(0).max(1),
    flags: z.array(FlagSchema),
    notes: z.array(z.string()),
  })
  .meta({ id: 'Estimate', description: 'A pay estimate with its working shown' });
export type Estimate = z.infer<typeof EstimateSchema>;
