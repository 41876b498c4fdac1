import { z } from 'zod';
import { BasisSchema } from './catalogue.js';
import { ProfileShape } from './estimate.js';

export const CareerPathQuerySchema = z
  .strictObject({
    role: ProfileShape.role,
    yearsExperience: ProfileShape.yearsExperience.meta({
      description: 'Years of relevant experience; when given, the answer also says where the person stands and what the next step needs',
      example: 4,
    }),
    skills: ProfileShape.skills,
    education: ProfileShape.education,
    region: ProfileShape.region,
  })
  .meta({
    id: 'CareerPathQuery',
    description: 'A role’s ladder, and optionally a person (years, skills, education) to place on it',
    example: { role: 'pacs-administrator', yearsExperience: 4, skills: ['dicom', 'hl7', 'troubleshooting'], education: 'bachelors' },
  });
export type CareerPathQuery = z.input<typeof CareerPathQuerySchema>;

export const StepRequirementSchema = z
  .object({
    kind: z.enum(['skill', 'education']),
    id: z.string().meta({ example: 'dicom' }),
    name: z.string().meta({ example: 'DICOM' }),
    necessity: z.enum(['required', 'preferred']),
    basis: BasisSchema,
    sourceId: z.string(),
    notes: z.string().nullable(),
  })
  .meta({
    id: 'StepRequirement',
    description: 'A skill or education one step asks for, and whether a source states it or it is our judgement',
  });
export type StepRequirement = z.infer<typeof StepRequirementSchema>;

export const CareerStepSchema = z
  .object({
    level: z.string().meta({ example: 'manager' }),
    name: z.string(),
    rank: z.number().int(),
    minYears: z.number().meta({ description: 'Minimum years of experience', example: 5 }),
    minYearsBasis: BasisSchema,
    minYearsSourceId: z.string(),
    gated: z.boolean().meta({ description: 'true: reached only with the required skills and education, not by years alone' }),
    pay: z
      .object({
        p25: z.number(),
        p50: z.number(),
        p75: z.number(),
        confidence: z.enum(['high', 'medium', 'low']),
        flags: z.array(z.string()),
      })
      .nullable()
      .meta({ description: 'Base pay in the region, USD a year; null when no source gives pay for the step' }),
    payNote: z.string().nullable().meta({ description: 'Why pay is null, or what to know about it' }),
    requirements: z.array(StepRequirementSchema),
  })
  .meta({ id: 'CareerStep', description: 'One step of the ladder: years, pay and requirements' });
export type CareerStep = z.infer<typeof CareerStepSchema>;

export const ReadinessComponentSchema = z
  .object({
    component: z.enum(['years', 'skills', 'education']),
    weight: z.number().meta({ description: 'Share of the score, 0–1 (our judgement)', example: 0.4 }),
    value: z.number().min(0).max(1).meta({ description: 'How far this component is met, 0–1' }),
    points: z.number().meta({ description: 'weight × value × 100' }),
    detail: z.string(),
  })
  .meta({ id: 'ReadinessComponent' });

export const CareerPositionSchema = z
  .object({
    yearsExperience: z.number(),
    current: z.string().meta({ description: 'The highest priced level the person qualifies for', example: 'mid' }),
    alsoQualifiesFor: z.string().nullable().meta({ description: 'A higher level the person qualifies for that has no pay figure' }),
    next: z.string().nullable().meta({ description: 'The next step up; null at the top of the ladder', example: 'senior' }),
    eligibleForNext: z.boolean().meta({ description: 'Whether the person meets the rule that places them at the next step now' }),
    missing: z
      .object({
        skills: z.array(StepRequirementSchema),
        education: z.array(StepRequirementSchema),
        educationUnknown: z.boolean(),
        years: z.number().meta({ description: 'Years still to go for the next step, 0 when met' }),
      })
      .meta({ description: 'What the next step requires that the person lacks' }),
    yearsToGo: z.number(),
    readiness: z
      .object({
        score: z.number().int().min(0).max(100),
        components: z.array(ReadinessComponentSchema),
        basis: z.literal('judgement'),
        description: z.string(),
      })
      .meta({ description: 'How ready the person is for the next step, 0–100, with its working' }),
  })
  .meta({ id: 'CareerPosition', description: 'Where a person stands on the ladder and what the next step needs' });
export type CareerPosition = z.infer<typeof CareerPositionSchema>;

export const CareerPathSchema = z
  .object({
    role: z.string().meta({ example: 'pacs-administrator' }),
    region: z.string().meta({ example: 'us' }),
    steps: z.array(CareerStepSchema),
    position: CareerPositionSchema.nullable().meta({ description: 'null when no yearsExperience was given' }),
    notes: z.array(z.string()),
  })
  .meta({ id: 'CareerPath', description: 'A role’s ladder with years, pay and requirements per step, and where a person stands on it' });
export type CareerPath = z.infer<typeof CareerPathSchema>;
