import * as z from 'zod';

export const SourceKindSchema = z.enum(['article', 'survey', 'government-statistics', 'classification', 'judgement']);

export const SourceSchema = z
  .object({
    id: z.string().meta({ description: 'Source id, cited as sourceId elsewhere', example: 'pbc-salary-average' }),
    title: z.string().meta({ description: 'Title of the publication or data release', example: 'Must-Have PACS Administrator Skills' }),
    publisher: z.string().meta({ description: 'Who published it', example: 'PACS Boot Camp' }),
    author: z.string().optional().meta({ description: 'Author, when named', example: 'Michael Junchaya' }),
    published: z.string().optional().meta({ description: 'Publication date, YYYY-MM-DD or YYYY', example: '2025-01-01' }),
    url: z.string().optional().meta({ description: 'Where to read it', example: 'https://pacsexpert.com/?p=98' }),
    kind: SourceKindSchema.meta({ description: 'What sort of source it is', example: 'article' }),
    via: z
      .string()
      .optional()
      .meta({ description: 'Id of the source through which this one was read', example: 'pacs-skills-article-2025' }),
    notes: z
      .string()
      .optional()
      .meta({ description: 'How the source is used, and its caveats', example: 'Read only as cited by the article' }),
  })
  .meta({ id: 'Source', description: 'A publication or data release that figures are taken from' });
export type Source = z.infer<typeof SourceSchema>;

export const BasisSchema = z
  .enum(['sourced', 'judgement'])
  .meta({ description: '`sourced`: stated by the cited source; `judgement`: our own reading, labelled as such' });
export type Basis = z.infer<typeof BasisSchema>;

export const LevelSchema = z
  .object({
    roleId: z.string().meta({ description: 'Role the level belongs to', example: 'pacs-administrator' }),
    id: z.string().meta({ description: 'Level id, unique within the role', example: 'mid' }),
    name: z.string().meta({ description: 'Display name', example: 'Mid-level' }),
    rank: z.number().int().meta({ description: 'Position on the ladder, 1 = first step', example: 2 }),
    minYears: z.number().meta({ description: 'Minimum years of experience for this level', example: 2 }),
    minYearsBasis: BasisSchema.meta({
      description: 'Whether the minimum years are stated by the source or our reading',
      example: 'judgement',
    }),
    description: z.string().meta({ description: 'What the level means', example: 'A few years in the job.' }),
    sourceId: z.string().meta({ description: 'Source of the level', example: 'pbc-salary-average' }),
  })
  .meta({ id: 'Level', description: 'One step of a role’s career ladder' });
export type Level = z.infer<typeof LevelSchema>;

export const RoleSchema = z
  .object({
    id: z.string().meta({ description: 'Role id', example: 'pacs-administrator' }),
    name: z.string().meta({ description: 'Display name', example: 'PACS administrator' }),
    description: z.string().meta({ description: 'What the role does', example: 'Runs and supports the hospital imaging systems.' }),
    sourceId: z.string().meta({ description: 'Source describing the role', example: 'pacs-skills-article-2025' }),
    levels: z.array(LevelSchema).readonly().meta({ description: 'The ladder, lowest level first' }),
  })
  .meta({ id: 'Role', description: 'A role with its ladder of levels, lowest first' });
export type Role = z.infer<typeof RoleSchema>;

export const SkillSchema = z
  .object({
    id: z.string().meta({ description: 'Skill id', example: 'dicom' }),
    name: z.string().meta({ description: 'Display name', example: 'DICOM' }),
    category: z.string().meta({ description: 'Skill category', example: 'technical' }),
    description: z.string().meta({ description: 'What the skill covers', example: 'Working knowledge of the DICOM standard.' }),
    sourceId: z.string().meta({ description: 'Source naming the skill', example: 'pacs-skills-article-2025' }),
  })
  .meta({ id: 'Skill', description: 'A skill a person can have, with its category' });
export type Skill = z.infer<typeof SkillSchema>;

export const EducationSchema = z
  .object({
    id: z.string().meta({ description: 'Education id', example: 'bachelors' }),
    name: z.string().meta({ description: 'Display name', example: "Bachelor's degree" }),
    rank: z.number().int().meta({ description: 'Higher is more advanced; equal ranks are equivalent', example: 2 }),
    description: z.string().meta({ description: 'What the value means', example: 'Four-year bachelor’s degree.' }),
    sourceId: z.string().meta({ description: 'Source of the value', example: 'pacs-skills-article-2025' }),
  })
  .meta({ id: 'Education', description: 'A level of education, ranked' });
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
  .object({
    value: z.number().meta({ description: 'Index value', example: 117.5 }),
    year: z.number().int().meta({ description: 'Year the value describes', example: 2024 }),
    sourceId: z.string().meta({ description: 'Source of the value', example: 'bea-rpp-state-2024' }),
    notes: z.string().optional().meta({ description: 'Caveats', example: 'BEA RPP all items, US = 100' }),
  })
  .meta({ id: 'IndexValue', description: 'One index value of a region, with its year and source' });
export type IndexValue = z.infer<typeof IndexValueSchema>;

export const RaiseRateSchema = z
  .object({
    low: z.number().meta({ description: 'Lowest yearly rise, as a fraction', example: 0.02 }),
    high: z.number().meta({ description: 'Highest yearly rise, as a fraction', example: 0.03 }),
    year: z.number().int().meta({ description: 'Year the rate was stated', example: 2025 }),
    sourceId: z.string().meta({ description: 'Source of the rate', example: 'pbc-salary-average' }),
    notes: z.string().optional().meta({ description: 'Caveats', example: 'New York: 2–3% a year' }),
  })
  .meta({ id: 'RaiseRate', description: 'Yearly pay rise as a fraction (0.02 = 2%)' });
export type RaiseRate = z.infer<typeof RaiseRateSchema>;

export const RegionKindSchema = z.enum(['national', 'state', 'metro']);
export type RegionKind = z.infer<typeof RegionKindSchema>;

export const RegionSchema = z
  .object({
    id: z.string().meta({ description: 'Region id', example: 'us-ca-san-francisco' }),
    name: z.string().meta({ description: 'Display name', example: 'San Francisco-Oakland-Fremont, CA' }),
    kind: RegionKindSchema.meta({ description: 'national, state or metro', example: 'metro' }),
    parentId: z.string().nullable().meta({ description: 'Enclosing region; null for the national one', example: 'us-ca' }),
    code: z.string().optional().meta({ description: 'State FIPS or CBSA code', example: '41860' }),
    sourceId: z.string().meta({ description: 'Source of the region', example: 'bea-rpp-metro-2024' }),
    rpp: IndexValueSchema.optional().meta({ description: 'BEA Regional Price Parity, all items (US = 100): cost of living' }),
    opmLocality: IndexValueSchema.optional().meta({
      description: 'OPM General Schedule locality pay percentage: a labour-market view of local pay',
    }),
    raiseRate: RaiseRateSchema.optional(),
  })
  .meta({ id: 'Region', description: 'A region (national, state or metro) with its indices' });
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
