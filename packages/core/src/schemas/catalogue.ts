import { z } from 'zod';

export const SourceKindSchema = z.enum(['article', 'survey', 'government-statistics', 'classification', 'judgement']);

export const SourceSchema = z
  .object({
    id: z.string().meta({ example: 'pbc-salary-average' }),
    title: z.string(),
    publisher: z.string(),
    author: z.string().optional(),
    published: z.string().optional().meta({ description: 'Publication date, YYYY-MM-DD or YYYY' }),
    url: z.string().optional(),
    kind: SourceKindSchema,
    via: z.string().optional().meta({ description: 'Id of the source through which this one was read' }),
    notes: z.string().optional(),
  })
  .meta({ id: 'Source', description: 'A publication or data release that figures are taken from' });
export type Source = z.infer<typeof SourceSchema>;

export const BasisSchema = z
  .enum(['sourced', 'judgement'])
  .meta({ description: '`sourced`: stated by the cited source; `judgement`: our own reading, labelled as such' });
export type Basis = z.infer<typeof BasisSchema>;

export const LevelSchema = z
  .object({
    roleId: z.string(),
    id: z.string().meta({ example: 'mid' }),
    name: z.string(),
    rank: z.number().int().meta({ description: 'Position on the ladder, 1 = first step' }),
    minYears: z.number().meta({ description: 'Minimum years of experience for this level' }),
    minYearsBasis: BasisSchema,
    description: z.string(),
    sourceId: z.string(),
  })
  .meta({ id: 'Level', description: 'One step of a role’s career ladder' });
export type Level = z.infer<typeof LevelSchema>;

export const RoleSchema = z
  .object({
    id: z.string().meta({ example: 'pacs-administrator' }),
    name: z.string(),
    description: z.string(),
    sourceId: z.string(),
    levels: z.array(LevelSchema).readonly(),
  })
  .meta({ id: 'Role', description: 'A role with its ladder of levels, lowest first' });
export type Role = z.infer<typeof RoleSchema>;

export const SkillSchema = z
  .object({
    id: z.string().meta({ example: 'dicom' }),
    name: z.string(),
    category: z.string().meta({ example: 'technical' }),
    description: z.string(),
    sourceId: z.string(),
  })
  .meta({ id: 'Skill' });
export type Skill = z.infer<typeof SkillSchema>;

export const EducationSchema = z
  .object({
    id: z.string().meta({ example: 'bachelors' }),
    name: z.string(),
    rank: z.number().int().meta({ description: 'Higher is more advanced; equal ranks are equivalent' }),
    description: z.string(),
    sourceId: z.string(),
  })
  .meta({ id: 'Education' });
export type Education = z.infer<typeof EducationSchema>;

export const RequirementSchema = z
  .object({
    roleId: z.string(),
    levelId: z.string(),
    kind: z.enum(['skill', 'education']),
    value: z.string(),
    necessity: z.enum(['required', 'preferred']),
    basis: BasisSchema,
    sourceId: z.string(),
    notes: z.string().optional(),
  })
  .meta({ id: 'Requirement' });
export type Requirement = z.infer<typeof RequirementSchema>;

export const StatisticSchema = z.enum(['mean', 'median', 'typical', 'lower-bound', 'min', 'max']);
export type Statistic = z.infer<typeof StatisticSchema>;

export const PayFigureSchema = z
  .object({
    id: z.string(),
    roleId: z.string(),
    levelId: z.string().nullable().meta({ description: 'null: the figure covers every level of the role' }),
    regionId: z.string(),
    component: z.enum(['base', 'bonus']),
    statistic: StatisticSchema,
    value: z.number(),
    asOf: z.string(),
    sourceId: z.string(),
    notes: z.string().optional(),
  })
  .meta({ id: 'PayFigure', description: 'One pay figure exactly as a source states it' });
export type PayFigure = z.infer<typeof PayFigureSchema>;

export const IndexValueSchema = z
  .object({ value: z.number(), year: z.number().int(), sourceId: z.string(), notes: z.string().optional() })
  .meta({ id: 'IndexValue' });
export type IndexValue = z.infer<typeof IndexValueSchema>;

export const RaiseRateSchema = z
  .object({ low: z.number(), high: z.number(), year: z.number().int(), sourceId: z.string(), notes: z.string().optional() })
  .meta({ id: 'RaiseRate', description: 'Yearly pay rise as a fraction (0.02 = 2%)' });
export type RaiseRate = z.infer<typeof RaiseRateSchema>;

export const RegionKindSchema = z.enum(['national', 'state', 'metro']);
export type RegionKind = z.infer<typeof RegionKindSchema>;

export const RegionSchema = z
  .object({
    id: z.string().meta({ example: 'us-ca-san-francisco' }),
    name: z.string(),
    kind: RegionKindSchema,
    parentId: z.string().nullable(),
    code: z.string().optional().meta({ description: 'State FIPS or CBSA code' }),
    sourceId: z.string(),
    rpp: IndexValueSchema.optional().meta({ description: 'BEA Regional Price Parity, all items (US = 100): cost of living' }),
    opmLocality: IndexValueSchema.optional().meta({
      description: 'OPM General Schedule locality pay percentage: a labour-market view of local pay',
    }),
    raiseRate: RaiseRateSchema.optional(),
  })
  .meta({ id: 'Region' });
export type Region = z.infer<typeof RegionSchema>;

export const OccupationSchema = z
  .object({
    soc: z.string().meta({ example: '15-1244' }),
    title: z.string(),
    year: z.number().int(),
    employment: z.number(),
    mean: z.number(),
    p10: z.number().nullable(),
    p25: z.number(),
    median: z.number(),
    p75: z.number(),
    p90: z.number().nullable().meta({ description: 'null when the source top-codes it' }),
    sourceId: z.string(),
    notes: z.string().optional(),
  })
  .meta({ id: 'Occupation', description: 'BLS OEWS national wage distribution of one occupation' });
export type Occupation = z.infer<typeof OccupationSchema>;

export const OccupationMappingSchema = z
  .object({
    roleId: z.string(),
    levelId: z.string().nullable(),
    soc: z.string(),
    relation: z.enum(['primary', 'neighbour']),
    basis: BasisSchema,
    sourceId: z.string(),
    notes: z.string().optional(),
  })
  .meta({ id: 'OccupationMapping' });
export type OccupationMapping = z.infer<typeof OccupationMappingSchema>;
