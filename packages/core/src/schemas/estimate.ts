import * as z from 'zod';
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
    kind: z.enum(['region', 'aging', 'level']).meta({ description: 'What the factor adjusts for', example: 'region' }),
    factor: z.number().meta({ description: 'Multiplier applied to pay', example: 1.1705 }),
    description: z.string().meta({ description: 'Why, in words', example: 'San Francisco pays about 17% over the national average' }),
    sourceId: z.string().meta({ description: 'Source of the factor', example: 'pbc-salary-average' }),
  })
  .meta({ id: 'Adjustment', description: 'One multiplicative adjustment applied to the base figure' });
export type Adjustment = z.infer<typeof AdjustmentSchema>;

const money = (description: string, example: number) => z.number().meta({ description: `${description}, USD per year`, example });

export const PercentilesSchema = z
  .object({
    p10: money('10th percentile', 64_000),
    p25: money('25th percentile', 76_000),
    p50: money('Median', 90_000),
    p75: money('75th percentile', 106_000),
    p90: money('90th percentile', 126_000),
    mean: money('Mean', 92_000),
  })
  .meta({ id: 'Percentiles', description: 'A pay distribution: percentiles and mean' });

const figure = {
  figureId: z.string().meta({ description: 'Id of the pay figure in the data set', example: 'pbc-mid-base-typical' }),
  statistic: z.string().meta({ description: 'What the figure is: mean, median, typical, lower-bound…', example: 'typical' }),
  value: z.number().meta({ description: 'The figure as published, USD per year', example: 90_000 }),
  sourceId: z.string().meta({ description: 'Source of the figure', example: 'pbc-salary-average' }),
  description: z.string().meta({ description: 'The figure in words', example: 'National Mid-level base pay of $90,000' }),
};

export const LevelBasisSchema = z.enum(['requested', 'inferred', 'all-levels']).meta({
  id: 'LevelBasis',
  description: 'requested: the level asked for; inferred: placed from experience and skills; all-levels: no level, the role as a whole',
  example: 'requested',
});

export const ConfidenceSchema = z
  .enum(['high', 'medium', 'low'])
  .meta({ id: 'Confidence', description: 'How far the figure can be trusted (see confidenceScore and flags)', example: 'medium' });

/** The fields that open every comparison answer: whose pay it is about. */
export const ProfileResultShape = {
  role: z.string().meta({ description: 'Role id' }),
  level: z.string().nullable().meta({ description: 'Level id; null for all levels together' }),
  levelBasis: LevelBasisSchema,
} as const;

export const EstimateSchema = z
  .object({
    role: z.string().meta({ description: 'Role id', example: 'pacs-administrator' }),
    level: z.string().nullable().meta({ description: 'null when the figure covers all levels', example: 'mid' }),
    levelBasis: LevelBasisSchema,
    region: z.string().meta({ description: 'Region id', example: 'us' }),
    asOf: z.string().meta({ description: 'Date the figures describe', example: '2025-01-01' }),
    currency: z.literal('USD').meta({ description: 'Currency of every amount', example: 'USD' }),
    period: z.literal('year').meta({ description: 'Every amount is per year', example: 'year' }),
    basis: z.object(figure).meta({ description: 'The published figure the estimate starts from, before adjustments' }),
    base: PercentilesSchema,
    bonus: z.object({ mean: money('Mean bonus', 1_096) }).meta({ description: 'Yearly bonus' }),
    total: PercentilesSchema,
    spread: z
      .object({
        sigma: z.number().meta({ description: 'Log-normal sigma of base pay', example: 0.25 }),
        description: z.string().meta({ description: 'Where the spread comes from', example: 'Spread of BLS OEWS 15-1244 wages' }),
        sourceId: z.string().meta({ description: 'Source of the spread', example: 'bls-oews-2024' }),
      })
      .meta({ description: 'How widely pay varies around the figure' }),
    adjustments: z.array(AdjustmentSchema).meta({ description: 'Every factor applied to the published figure, in order' }),
    alternatives: z
      .array(z.object(figure))
      .meta({ description: 'Figures from other sources for the same group, shown beside the estimate and never averaged into it' }),
    sources: z.array(SourceSchema).meta({ description: 'Every source the estimate draws on' }),
    confidence: ConfidenceSchema,
    confidenceScore: z.number().min(0).max(1).meta({ description: 'Confidence, 1 = direct sourced figure', example: 0.7 }),
    flags: z.array(FlagSchema).meta({ description: 'Caveats that apply to this estimate', example: ['thin-data'] }),
    notes: z.array(z.string()).meta({ description: 'Caveats in words', example: ['Level mid inferred from 4 years of experience.'] }),
  })
  .meta({ id: 'Estimate', description: 'A pay estimate with its working shown' });
export type Estimate = z.infer<typeof EstimateSchema>;
