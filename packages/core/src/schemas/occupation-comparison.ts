import * as z from 'zod';
import { BasisSchema } from './catalogue.js';
import { ConfidenceSchema, ProfileResultShape, ProfileShape } from './estimate.js';

export const OccupationComparisonQuerySchema = z
  .strictObject({
    role: ProfileShape.role,
    level: ProfileShape.level,
    yearsExperience: ProfileShape.yearsExperience,
    skills: ProfileShape.skills,
    education: ProfileShape.education,
    scope: z.enum(['mapped', 'all']).default('mapped').meta({
      description: 'mapped: the occupations mapped to the role (primary, neighbour); all: every occupation in the data set',
      example: 'mapped',
    }),
  })
  .meta({
    id: 'OccupationComparisonQuery',
    description: 'A profile whose national pay is set against BLS occupations',
    example: { level: 'mid' },
  });
export type OccupationComparisonQuery = z.input<typeof OccupationComparisonQuerySchema>;

export const OccupationComparisonRowSchema = z
  .object({
    soc: z.string().meta({ description: 'SOC code of the occupation', example: '15-1244' }),
    title: z.string().meta({ description: 'Occupation title', example: 'Network and Computer Systems Administrators' }),
    year: z.number().int().meta({ description: 'OEWS reference year (May)', example: 2024 }),
    employment: z.number().meta({ description: 'National employment in the occupation' }),
    relation: z
      .enum(['primary', 'neighbour', 'unmapped'])
      .meta({ description: 'primary: the closest occupation; neighbour: a related one; unmapped: listed for scope all only' }),
    mapping: z
      .object({
        levelId: z.string().nullable().meta({ description: 'null: mapped for the whole role' }),
        basis: BasisSchema,
        sourceId: z.string().meta({ description: 'Id of the source of the mapping' }),
        notes: z.string().nullable().meta({ description: 'What to know about the mapping' }),
      })
      .nullable()
      .meta({ description: 'Why the occupation is related to the role; null for unmapped occupations' }),
    wages: z
      .object({
        mean: z.number().meta({ description: 'Mean' }),
        p10: z.number().nullable().meta({ description: '10th percentile; null when not published' }),
        p25: z.number().meta({ description: '25th percentile' }),
        median: z.number().meta({ description: 'Median' }),
        p75: z.number().meta({ description: '75th percentile' }),
        p90: z.number().nullable().meta({ description: 'null when BLS top-codes it' }),
      })
      .meta({ description: 'The occupation’s national annual wages as BLS publishes them, USD' }),
    fit: z
      .object({
        sigma: z.number().meta({ description: 'Log-normal sigma' }),
        method: z.enum(['deciles', 'quartiles']).meta({ description: 'Which published percentiles set sigma' }),
        description: z.string().meta({ description: 'How the fit was made' }),
      })
      .meta({ description: 'The log-normal fitted to the occupation: median as published, sigma from p10/p90 or the quartiles' }),
    pacsPercentile: z
      .number()
      .min(0)
      .max(100)
      .meta({ description: 'Where the PACS median falls in this occupation, 0–100', example: 41.9 }),
    pacsToMedian: z.number().meta({ description: 'PACS median ÷ occupation median', example: 0.9298 }),
    sourceId: z.string().meta({ description: 'Id of the OEWS source' }),
    notes: z.string().nullable().meta({ description: 'What to know about the occupation' }),
  })
  .meta({ id: 'OccupationComparisonRow', description: 'One BLS occupation and where PACS pay falls in it' });
export type OccupationComparisonRow = z.infer<typeof OccupationComparisonRowSchema>;

export const OccupationComparisonSchema = z
  .object({
    ...ProfileResultShape,
    pacs: z
      .object({
        p50: z.number().meta({ description: 'Median, USD a year' }),
        mean: z.number().meta({ description: 'Mean, USD a year' }),
        confidence: ConfidenceSchema,
        flags: z.array(z.string()).meta({ description: 'Flags of the estimate (see Flag)' }),
        sourceId: z.string().meta({ description: 'Id of the main source of the estimate' }),
        description: z.string().meta({ description: 'What the estimate is' }),
      })
      .meta({ description: 'The national base-pay estimate for the profile that is set against the occupations' }),
    occupations: z.array(OccupationComparisonRowSchema).meta({ description: 'The occupations, primary first' }),
    notes: z.array(z.string()).meta({ description: 'What to know when reading the answer' }),
  })
  .meta({ id: 'OccupationComparison', description: 'Where PACS pay sits against related BLS OEWS occupations' });
export type OccupationComparison = z.infer<typeof OccupationComparisonSchema>;
