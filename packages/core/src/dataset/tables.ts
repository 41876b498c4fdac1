import * as z from 'zod';
import type { Education, Level, Occupation, OccupationMapping, PayFigure, Requirement, Skill, Source } from '../schemas/catalogue.js';
import { type CellSchemas, cellSchemas } from './fields.js';
import type { TableSpec } from './read-table.js';

// One spec per CSV file of a data set. Columns are snake_case in the files, camelCase in code.

/** Removes undefined-valued keys so results satisfy `exactOptionalPropertyTypes`. */
function clean<T>(value: Record<string, unknown>): T {
  for (const key of Object.keys(value)) if (value[key] === undefined) delete value[key];
  return value as T;
}

/**
 * A table's spec whose row schema is built on first use (with the cell schemas): reading a CSV
 * file needs it, the default data set (validated when it was embedded) does not.
 */
function tableSpec<T>(spec: {
  file: string;
  columns: readonly string[];
  row: (cells: CellSchemas) => z.ZodType<T, Record<string, string>>;
}): TableSpec<T> {
  let row: z.ZodType<T, Record<string, string>> | undefined;
  return {
    file: spec.file,
    columns: spec.columns,
    get row() {
      row ??= spec.row(cellSchemas());
      return row;
    },
  };
}

export const sourcesTable = tableSpec<Source>({
  file: 'sources.csv',
  columns: ['id', 'title', 'publisher', 'author', 'published', 'url', 'kind', 'via', 'notes'],
  row: (c) =>
    z
      .object({
        id: c.idCell,
        title: c.textCell,
        publisher: c.textCell,
        author: c.optionalTextCell,
        published: c.optionalDateCell,
        url: z
          .string()
          .transform((v) => (v.trim() === '' ? undefined : v.trim()))
          .pipe(z.url('expected an http(s) URL').optional()),
        kind: z.enum(['article', 'survey', 'government-statistics', 'classification', 'judgement']),
        via: c.optionalIdCell,
        notes: c.optionalTextCell,
      })
      .transform((r) => clean<Source>(r)),
});

export interface RoleRow {
  id: string;
  name: string;
  description: string;
  defaultLevel?: string;
  paySourceId: string;
  sourceId: string;
}

export const rolesTable = tableSpec<RoleRow>({
  file: 'roles.csv',
  columns: ['id', 'name', 'description', 'default_level', 'pay_source_id', 'source_id'],
  row: (c) =>
    z
      .object({
        id: c.idCell,
        name: c.textCell,
        description: c.textCell,
        default_level: c.optionalIdCell,
        pay_source_id: c.idCell,
        source_id: c.idCell,
      })
      .transform((r) =>
        clean<RoleRow>({
          id: r.id,
          name: r.name,
          description: r.description,
          defaultLevel: r.default_level,
          paySourceId: r.pay_source_id,
          sourceId: r.source_id,
        }),
      ),
});

export const levelsTable = tableSpec<Level>({
  file: 'levels.csv',
  columns: ['role_id', 'id', 'name', 'rank', 'min_years', 'min_years_basis', 'description', 'source_id'],
  row: (c) =>
    z
      .object({
        role_id: c.idCell,
        id: c.idCell,
        name: c.textCell,
        rank: c.intCell,
        min_years: c.numberCell.pipe(z.number().min(0, 'must be 0 or more')),
        min_years_basis: c.basis,
        description: c.textCell,
        source_id: c.idCell,
      })
      .transform((r) => ({
        roleId: r.role_id,
        id: r.id,
        name: r.name,
        rank: r.rank,
        minYears: r.min_years,
        minYearsBasis: r.min_years_basis,
        description: r.description,
        sourceId: r.source_id,
      })),
});

export const skillsTable = tableSpec<Skill>({
  file: 'skills.csv',
  columns: ['id', 'name', 'category', 'description', 'source_id'],
  row: (c) =>
    z
      .object({ id: c.idCell, name: c.textCell, category: c.idCell, description: c.textCell, source_id: c.idCell })
      .transform((r) => ({ id: r.id, name: r.name, category: r.category, description: r.description, sourceId: r.source_id })),
});

export const educationTable = tableSpec<Education>({
  file: 'education.csv',
  columns: ['id', 'name', 'rank', 'description', 'source_id'],
  row: (c) =>
    z
      .object({ id: c.idCell, name: c.textCell, rank: c.intCell, description: c.textCell, source_id: c.idCell })
      .transform((r) => ({ id: r.id, name: r.name, rank: r.rank, description: r.description, sourceId: r.source_id })),
});

export const requirementsTable = tableSpec<Requirement>({
  file: 'requirements.csv',
  columns: ['role_id', 'level_id', 'kind', 'value', 'necessity', 'basis', 'source_id', 'notes'],
  row: (c) =>
    z
      .object({
        role_id: c.idCell,
        level_id: c.idCell,
        kind: z.enum(['skill', 'education']),
        value: c.idCell,
        necessity: z.enum(['required', 'preferred']),
        basis: c.basis,
        source_id: c.idCell,
        notes: c.optionalTextCell,
      })
      .transform((r) =>
        clean<Requirement>({
          roleId: r.role_id,
          levelId: r.level_id,
          kind: r.kind,
          value: r.value,
          necessity: r.necessity,
          basis: r.basis,
          sourceId: r.source_id,
          notes: r.notes,
        }),
      ),
});

export const payFiguresTable = tableSpec<PayFigure>({
  file: 'pay-figures.csv',
  columns: ['id', 'role_id', 'level_id', 'region_id', 'component', 'statistic', 'value', 'as_of', 'source_id', 'notes'],
  row: (c) =>
    z
      .object({
        id: c.idCell,
        role_id: c.idCell,
        level_id: c.optionalIdCell,
        region_id: c.idCell,
        component: z.enum(['base', 'bonus']),
        statistic: z.enum(['mean', 'median', 'typical', 'lower-bound', 'min', 'max']),
        value: c.numberCell.pipe(z.number().positive('must be a positive amount')),
        as_of: c.dateCell,
        source_id: c.idCell,
        notes: c.optionalTextCell,
      })
      .transform((r) =>
        clean<PayFigure>({
          id: r.id,
          roleId: r.role_id,
          levelId: r.level_id ?? null,
          regionId: r.region_id,
          component: r.component,
          statistic: r.statistic,
          value: r.value,
          asOf: r.as_of,
          sourceId: r.source_id,
          notes: r.notes,
        }),
      ),
});

export interface RegionRow {
  id: string;
  name: string;
  kind: 'national' | 'state' | 'metro';
  parentId: string | null;
  code?: string;
  sourceId: string;
  notes?: string;
}

export const regionsTable = tableSpec<RegionRow>({
  file: 'regions.csv',
  columns: ['id', 'name', 'kind', 'parent_id', 'code', 'source_id', 'notes'],
  row: (c) =>
    z
      .object({
        id: c.idCell,
        name: c.textCell,
        kind: z.enum(['national', 'state', 'metro']),
        parent_id: c.optionalIdCell,
        code: c.optionalTextCell,
        source_id: c.idCell,
        notes: c.optionalTextCell,
      })
      .transform((r) =>
        clean<RegionRow>({
          id: r.id,
          name: r.name,
          kind: r.kind,
          parentId: r.parent_id ?? null,
          code: r.code,
          sourceId: r.source_id,
          notes: r.notes,
        }),
      ),
});

export interface RegionIndexRow {
  regionId: string;
  index: 'rpp' | 'opm-locality' | 'raise-rate-low' | 'raise-rate-high';
  value: number;
  year: number;
  sourceId: string;
  notes?: string;
}

export const regionIndicesTable = tableSpec<RegionIndexRow>({
  file: 'region-indices.csv',
  columns: ['region_id', 'index', 'value', 'year', 'source_id', 'notes'],
  row: (c) =>
    z
      .object({
        region_id: c.idCell,
        index: z.enum(['rpp', 'opm-locality', 'raise-rate-low', 'raise-rate-high']),
        value: c.numberCell,
        year: c.intCell,
        source_id: c.idCell,
        notes: c.optionalTextCell,
      })
      .superRefine((r, ctx) => {
        if (r.index === 'rpp' && !(r.value > 0)) ctx.addIssue({ code: 'custom', path: ['value'], message: 'an RPP must be positive' });
        if (r.index.startsWith('raise-rate') && (r.value < -0.5 || r.value > 0.5)) {
          ctx.addIssue({ code: 'custom', path: ['value'], message: 'a raise rate is a fraction between -0.5 and 0.5 (0.02 = 2%)' });
        }
      })
      .transform((r) =>
        clean<RegionIndexRow>({
          regionId: r.region_id,
          index: r.index,
          value: r.value,
          year: r.year,
          sourceId: r.source_id,
          notes: r.notes,
        }),
      ),
});

export const occupationsTable = tableSpec<Occupation>({
  file: 'occupations.csv',
  columns: ['soc', 'title', 'year', 'employment', 'mean', 'p10', 'p25', 'median', 'p75', 'p90', 'source_id', 'notes'],
  row: (c) =>
    z
      .object({
        soc: z
          .string()
          .trim()
          .regex(/^\d{2}-\d{4}$/, 'expected a SOC code such as 15-1244'),
        title: c.textCell,
        year: c.intCell,
        employment: c.numberCell,
        mean: c.numberCell,
        p10: c.optionalNumberCell,
        p25: c.numberCell,
        median: c.numberCell,
        p75: c.numberCell,
        p90: c.optionalNumberCell,
        source_id: c.idCell,
        notes: c.optionalTextCell,
      })
      .transform((r) =>
        clean<Occupation>({
          soc: r.soc,
          title: r.title,
          year: r.year,
          employment: r.employment,
          mean: r.mean,
          p10: r.p10 ?? null,
          p25: r.p25,
          median: r.median,
          p75: r.p75,
          p90: r.p90 ?? null,
          sourceId: r.source_id,
          notes: r.notes,
        }),
      ),
});

export const occupationMappingsTable = tableSpec<OccupationMapping>({
  file: 'occupation-mappings.csv',
  columns: ['role_id', 'level_id', 'soc', 'relation', 'basis', 'source_id', 'notes'],
  row: (c) =>
    z
      .object({
        role_id: c.idCell,
        level_id: c.optionalIdCell,
        soc: z
          .string()
          .trim()
          .regex(/^\d{2}-\d{4}$/, 'expected a SOC code such as 15-1244'),
        relation: z.enum(['primary', 'neighbour']),
        basis: c.basis,
        source_id: c.idCell,
        notes: c.optionalTextCell,
      })
      .transform((r) =>
        clean<OccupationMapping>({
          roleId: r.role_id,
          levelId: r.level_id ?? null,
          soc: r.soc,
          relation: r.relation,
          basis: r.basis,
          sourceId: r.source_id,
          notes: r.notes,
        }),
      ),
});

/**
 * Every file a data set may have. Files marked required must exist; the others default to empty.
 * Occupations and their mappings are required because every role takes its spread of pay from
 * the wage percentiles of its primary occupation.
 */
export const DATASET_FILES = [
  { spec: sourcesTable, required: true },
  { spec: rolesTable, required: true },
  { spec: levelsTable, required: true },
  { spec: regionsTable, required: true },
  { spec: payFiguresTable, required: true },
  { spec: skillsTable, required: false },
  { spec: educationTable, required: false },
  { spec: requirementsTable, required: false },
  { spec: regionIndicesTable, required: false },
  { spec: occupationsTable, required: true },
  { spec: occupationMappingsTable, required: true },
] as const;
