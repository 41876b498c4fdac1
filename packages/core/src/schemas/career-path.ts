import * as z from 'zod';
import { BasisSchema } from './catalogue.js';
import { ConfidenceSchema, ProfileShape } from './estimate.js';

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
    kind: z.enum(['skill', 'education']).meta({ description: 'Whether the step asks for a skill or an education' }),
    id: z.string().meta({ description: 'Skill or education id', example: 'dicom' }),
    name: z.string().meta({ description: 'Display name', example: 'DICOM' }),
    necessity: z
      .enum(['required', 'preferred'])
      .meta({ description: 'required: the step is gated on it; preferred: it helps but is not a condition' }),
    basis: BasisSchema,
    sourceId: z.string().meta({ description: 'Id of the source behind the requirement (see GET /v1/sources)' }),
    notes: z.string().nullable().meta({ description: 'What to know about the requirement; null when nothing' }),
  })
  .meta({
    id: 'StepRequirement',
    description: 'A skill or education one step asks for, and whether a source states it or it is our judgement',
  });
export type StepRequirement = z.infer<typeof StepRequirementSchema>;

export const CareerStepSchema = z
  .object({
    level: z.string().meta({ description: 'Level id', example: 'manager' }),
    name: z.string().meta({ description: 'Display name of the level' }),
    rank: z.number().int().meta({ description: 'Position on the ladder, 1 = the first step' }),
    minYears: z.number().meta({ description: 'Minimum years of experience', example: 5 }),
    minYearsBasis: BasisSchema,
    minYearsSourceId: z.string().meta({ description: 'Id of the source behind minYears' }),
    gated: z.boolean().meta({ description: 'true: reached only with the required skills and education, not by years alone' }),
    pay: z
      .object({
        p25: z.number().meta({ description: '25th percentile, USD a year' }),
        p50: z.number().meta({ description: 'Median, USD a year' }),
        p75: z.number().meta({ description: '75th percentile, USD a year' }),
        confidence: ConfidenceSchema,
        flags: z.array(z.string()).meta({ description: 'Flags of the estimate behind the figure (see Flag)' }),
      })
      .nullable()
      .meta({ description: 'Base pay in the region, USD a year; null when no source gives pay for the step' }),
    payNote: z.string().nullable().meta({ description: 'Why pay is null, or what to know about it' }),
    requirements: z.array(StepRequirementSchema).meta({ description: 'Skills and education the step asks for' }),
  })
  .meta({ id: 'CareerStep', description: 'One step of the ladder: years, pay and requirements' });
export type CareerStep = z.infer<typeof CareerStepSchema>;

export const ReadinessComponentSchema = z
  .object({
    component: z.enum(['years', 'skills', 'education']).meta({ description: 'The part of readiness measured' }),
    weight: z.number().meta({ description: 'Share of the score, 0–1 (our judgement)', example: 0.4 }),
    value: z.number().min(0).max(1).meta({ description: 'How far this component is met, 0–1' }),
    points: z.number().meta({ description: 'weight × value × 100' }),
    detail: z.string().meta({ description: 'How the value was worked out' }),
  })
  .meta({ id: 'ReadinessComponent', description: 'One weighted part of the readiness score' });

export const CareerPositionSchema = z
  .object({
    yearsExperience: z.number().meta({ description: 'Years of experience as given' }),
    current: z.string().meta({ description: 'The highest priced level the person qualifies for', example: 'mid' }),
    alsoQualifiesFor: z.string().nullable().meta({ description: 'A higher level the person qualifies for that has no pay figure' }),
    next: z.string().nullable().meta({ description: 'The next step up; null at the top of the ladder', example: 'senior' }),
    eligibleForNext: z.boolean().meta({ description: 'Whether the person meets the rule that places them at the next step now' }),
    missing: z
      .object({
        skills: z.array(StepRequirementSchema).meta({ description: 'Skills the next step requires that the person lacks' }),
        education: z.array(StepRequirementSchema).meta({ description: 'Education the next step requires that the person lacks' }),
        educationUnknown: z.boolean().meta({ description: 'true when no education was given, so it is counted as not met' }),
        years: z.number().meta({ description: 'Years still to go for the next step, 0 when met' }),
      })
      .meta({ description: 'What the next step requires that the person lacks' }),
    yearsToGo: z.number().meta({ description: 'Years until the next step’s minimum, 0 when met' }),
    readiness: z
      .object({
        score: z.number().int().min(0).max(100).meta({ description: '0–100: the sum of the components’ points' }),
        components: z.array(ReadinessComponentSchema).meta({ description: 'The weighted parts of the score' }),
        basis: z.literal('judgement').meta({ description: 'The score is our judgement, not a sourced figure' }),
        description: z.string().meta({ description: 'How the score is computed' }),
      })
      .meta({ description: 'How ready the person is for the next step, 0–100, with its working' }),
  })
  .meta({ id: 'CareerPosition', description: 'Where a person stands on the ladder and what the next step needs' });
export type CareerPosition = z.infer<typeof CareerPositionSchema>;

export const CareerPathSchema = z
  .object({
    role: z.string().meta({ description: 'Role id', example: 'pacs-administrator' }),
    region: z.string().meta({ description: 'Region id the pay figures are for', example: 'us' }),
    steps: z.array(CareerStepSchema).meta({ description: 'The ladder, lowest step first' }),
    position: CareerPositionSchema.nullable().meta({ description: 'null when no yearsExperience was given' }),
    notes: z.array(z.string()).meta({ description: 'What to know when reading the answer' }),
  })
  .meta({ id: 'CareerPath', description: 'A role’s ladder with years, pay and requirements per step, and where a person stands on it' });
export type CareerPath = z.infer<typeof CareerPathSchema>;
