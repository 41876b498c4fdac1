import * as z from 'zod';
import { BasisSchema } from './catalogue.js';
import { ProfileShape } from './estimate.js';

export const ProjectionQuerySchema = z
  .strictObject({
    ...ProfileShape,
    horizonYears: z.number().int().min(1).max(40).meta({ description: 'How many years to project, 1–40', example: 10 }),
    startYear: z.number().int().min(1990).max(2100).optional().meta({
      description:
        'Calendar year of the first point; the market figures are aged to 1 January of it. Defaults to the year of the source figures',
      example: 2025,
    }),
  })
  .meta({
    id: 'ProjectionQuery',
    description: 'A profile and a horizon to project pay over',
    example: { yearsExperience: 2, skills: ['dicom', 'hl7', 'troubleshooting'], region: 'us-ny-new-york', horizonYears: 10 },
  });
export type ProjectionQuery = z.input<typeof ProjectionQuerySchema>;

export const ProjectionPointSchema = z
  .object({
    year: z.number().int().meta({ description: 'Calendar year', example: 2026 }),
    yearsFromStart: z.number().int().meta({ description: '0 for the first year' }),
    yearsExperience: z.number().meta({ description: 'Years of experience reached that year' }),
    level: z.string().meta({ description: 'Level held that year', example: 'senior' }),
    base: z.object({ p50: z.number().meta({ description: 'Projected base pay, USD a year' }) }).meta({ description: 'Base pay' }),
    total: z
      .object({ p50: z.number().meta({ description: 'Projected base + bonus, USD a year' }) })
      .meta({ description: 'Base pay plus the expected bonus' }),
    raise: z.number().meta({ description: 'Change from the year before as a fraction (0.025 = 2.5%); 0 in the first year' }),
    promoted: z.boolean().meta({ description: 'true in the year of a promotion' }),
    reason: z.string().meta({ description: 'Why pay changed that year', example: 'promoted to Senior: 5 years reached' }),
  })
  .meta({ id: 'ProjectionPoint', description: 'One year of a projection' });
export type ProjectionPoint = z.infer<typeof ProjectionPointSchema>;

export const ProjectionAssumptionSchema = z
  .object({
    description: z.string().meta({ description: 'The assumption' }),
    basis: BasisSchema,
    sourceId: z.string().meta({ description: 'Id of the source behind it' }),
  })
  .meta({ id: 'ProjectionAssumption', description: 'One assumption the projection rests on' });

export const ProjectionSchema = z
  .object({
    role: z.string().meta({ description: 'Role id' }),
    region: z.string().meta({ description: 'Region id' }),
    startYear: z.number().int().meta({ description: 'Calendar year of the first point' }),
    startLevel: z.string().meta({ description: 'Level in the first year' }),
    raise: z
      .object({
        scope: z.enum(['region', 'national']).meta({ description: 'region: the region’s own raise data; national: the national rate' }),
        low: z.number().meta({ description: 'Lowest yearly raise, a fraction' }),
        mid: z.number().meta({ description: 'Middle yearly raise, a fraction' }),
        high: z.number().meta({ description: 'Highest yearly raise, a fraction' }),
        sourceId: z.string().meta({ description: 'Id of the source of the rate' }),
        description: z.string().meta({ description: 'Where the rate comes from' }),
      })
      .meta({ description: 'The yearly raise rates used, as fractions' }),
    series: z.array(ProjectionPointSchema).meta({ description: 'The middle path, at the mid raise rate' }),
    low: z.array(ProjectionPointSchema).optional().meta({ description: 'At the low raise rate; only where the rate is a range' }),
    high: z.array(ProjectionPointSchema).optional().meta({ description: 'At the high raise rate; only where the rate is a range' }),
    assumptions: z.array(ProjectionAssumptionSchema).meta({ description: 'Every assumption the projection rests on' }),
  })
  .meta({ id: 'Projection', description: 'Year-by-year pay with raises and promotions' });
export type Projection = z.infer<typeof ProjectionSchema>;
