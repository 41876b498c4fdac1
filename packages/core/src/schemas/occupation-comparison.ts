import { z } from 'zod';
import { BasisSchema } from './catalogue.js';
import { ProfileShape } from './estimate.js';

export const OccupationComparisonQuerySchema = z
  .strictObject({
    role: ProfileShape.role,
    level: ProfileShape.level,
    yearsExperience: ProfileShape.yearsExperience,
    skills: ProfileShape.skills,
    education: ProfileShape.education,
    scope: z
      .enum(['mapped', 'all'])
      .default('mapped')
      .meta({ description: 'mapped: the occupations mapped to the role (primary, neighbour); all: every occupation in the data set' }),
  })
  .meta({
    id: 'OccupationComparisonQuery',
    description: 'A profile whose national pay is set against BLS occupations',
    example: { level: 'mid' },
  });
export type OccupationComparisonQuery = z.input<typeof OccupationComparisonQuerySchema>;

export const OccupationComparisonRowSchema = z
  .object({
    soc: z.string().meta({ example: '15-1244' }),
    title: z.string().meta({ example: 'Network and Computer Systems Administrators' }),
    year: z.number().int().meta({ description: 'OEWS reference year (May)', example: 2024 }),
    employment: z.number(),
    relation: z.enum(['primary', 'neighbour', 'unmapped']),
    mapping: z
      .object({
        levelId: z.string().nullable().meta({ description: 'null: mapped for the whole role' }),
        basis: BasisSchema,
        sourceId: z.string(),
        notes: z.string().nullable(),
      })
      .nullable()
      .meta({ description: 'Why the occupation is related to the role; null for unmapped occupations' }),
    wages: z
      .object({
        mean: z.number(),
        p10: z.number().nullable(),
        p25: z.number(),
        median: z.number(),
        p75: z.number(),
        p90: z.number().nullable().meta({ description: 'null when BLS top-codes it' }),
      })
      .meta({ description: 'The occupation’s national annual wages as BLS publishes them, USD' }),
    fit: z
      .object({ sigma: z.number(), method: z.enum(['deciles', 'quartiles']), description: z.string() })
      .meta({ description: 'The log-normal fitted to the occupation: median as published, sigma from p10/p90 or the quartiles' }),
    pacsPercentile: z
      .number()
      .min(0)
      .max(100)
      .meta({ description: 'Where the PACS median falls in this occupation, 0–100', example: 41.9 }),
    pacsToMedian: z.number().meta({ description: 'PACS median ÷ occupation median', example: 0.9298 }),
    sourceId: z.string(),
    notes: z.string().nullable(),
  })
  .meta({ id: 'OccupationComparisonRow' });
export type OccupationComparisonRow = z.infer<typeof OccupationComparisonRowSchema>;

export const OccupationComparisonSchema = z
  .object({
    role: z.string(),
    level: z.string().nullable(),
    levelBasis: z.enum(['requested', 'inferred', 'all-levels']),
    pacs: z
      .object({
        p50: z.number(),
        mean: z.number(),
        confidence: z.enum(['high', 'medium', 'low']),
        flags: z.array(z.string()),
        sourceId: z.string(),
        description: z.string(),
      })
      .meta({ description: 'The national base-pay estimate for the profile that is set against the occupations' }),
    occupations: z.array(OccupationComparisonRowSchema),
    notes: z.array(z.string()),
  })
  .meta({ id: 'OccupationComparison', description: 'Where PACS pay sits against related BLS OEWS occupations' });
export type OccupationComparison = z.infer<typeof OccupationComparisonSchema>;
