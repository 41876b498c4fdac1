import { DatasetError, type DatasetProblem } from '../errors/index.js';
import { buildRoleModel, type RoleModel } from '../model/role-model.js';
import type {
  Education,
  Level,
  Occupation,
  OccupationMapping,
  PayFigure,
  Region,
  Requirement,
  Role,
  Skill,
  Source,
} from '../schemas/catalogue.js';
import { collect, type Dataset, deepFreeze } from './dataset.js';
import { readTable, type TableRow, type TableSpec } from './read-table.js';
import {
  DATASET_FILES,
  educationTable,
  levelsTable,
  occupationMappingsTable,
  occupationsTable,
  payFiguresTable,
  type RegionIndexRow,
  type RegionRow,
  type RoleRow,
  regionIndicesTable,
  regionsTable,
  requirementsTable,
  rolesTable,
  skillsTable,
  sourcesTable,
} from './tables.js';

/** The text of each data file, keyed by file name (`regions.csv`). */
export type DatasetFiles = Readonly<Record<string, string | undefined>>;

/**
 * Every table of a data set as validated rows (each with its line in its file): what the CSV
 * files turn into once each cell has passed its table's schema. Plain data (JSON round-trips it).
 */
export interface DatasetRows {
  readonly sources: readonly TableRow<Source>[];
  readonly roles: readonly TableRow<RoleRow>[];
  readonly levels: readonly TableRow<Level>[];
  readonly skills: readonly TableRow<Skill>[];
  readonly education: readonly TableRow<Education>[];
  readonly requirements: readonly TableRow<Requirement>[];
  readonly payFigures: readonly TableRow<PayFigure>[];
  readonly regions: readonly TableRow<RegionRow>[];
  readonly indices: readonly TableRow<RegionIndexRow>[];
  readonly occupations: readonly TableRow<Occupation>[];
  readonly mappings: readonly TableRow<OccupationMapping>[];
}

/**
 * Reads and validates each CSV file against its table's schema (the first half of
 * {@link buildDataset}): the rows that passed, and every problem found (unknown or missing files,
 * bad columns, bad cells). The rows are complete only when there is no problem.
 */
export function readDatasetRows(files: DatasetFiles): { rows: DatasetRows; problems: DatasetProblem[] } {
  const problems: DatasetProblem[] = [];
  const known = new Set<string>(DATASET_FILES.map((f) => f.spec.file));
  for (const name of Object.keys(files)) {
    if (name.endsWith('.csv') && !known.has(name)) {
      problems.push({ file: name, line: 0, reason: `unknown data file; expected one of ${[...known].join(', ')}` });
    }
  }

  const load = <T>(spec: TableSpec<T>): readonly TableRow<T>[] => {
    const text = files[spec.file];
    if (text === undefined) {
      const entry = DATASET_FILES.find((f) => f.spec.file === spec.file);
      if (entry?.required) problems.push({ file: spec.file, line: 0, reason: 'required file is missing' });
      return [];
    }
    const table = readTable(spec, text);
    problems.push(...table.problems);
    return table.rows;
  };

  const rows: DatasetRows = {
    sources: load(sourcesTable),
    roles: load(rolesTable),
    levels: load(levelsTable),
    skills: load(skillsTable),
    education: load(educationTable),
    requirements: load(requirementsTable),
    payFigures: load(payFiguresTable),
    regions: load(regionsTable),
    indices: load(regionIndicesTable),
    occupations: load(occupationsTable),
    mappings: load(occupationMappingsTable),
  };
  return { rows, problems };
}

/**
 * Validates a data set's CSV files and builds the frozen {@link Dataset}. Pure: the caller reads
 * the files. Nothing is half-loaded: any problem refuses the whole set with a
 * {@link DatasetError} listing every problem found (file, line, column, reason).
 *
 * @example
 * const dataset = buildDataset({ 'sources.csv': '…', 'roles.csv': '…', … });
 */
export function buildDataset(files: DatasetFiles): Dataset {
  const { rows, problems } = readDatasetRows(files);
  return assembleDataset(rows, problems);
}

/**
 * The second half of {@link buildDataset}: checks what no single row can (unique ids, references
 * between tables, the region tree, each role's model) and builds the frozen {@link Dataset}.
 * `problems` are those already found while reading the rows; any problem, theirs or its own,
 * refuses the whole set with a {@link DatasetError}. Takes ownership of `rows` (their values end
 * up in the frozen data set).
 */
export function assembleDataset(rows: DatasetRows, readProblems: readonly DatasetProblem[] = []): Dataset {
  const problems: DatasetProblem[] = [...readProblems];
  const { sources, roles, levels, skills, education, requirements, payFigures, regions, indices, occupations, mappings } = rows;

  const problem = (file: string, line: number, column: string, reason: string) => problems.push({ file, line, column, reason });

  const unique = <T>(file: string, rows: readonly TableRow<T>[], key: (v: T) => string, column: string) => {
    const seen = new Map<string, number>();
    for (const { line, value } of rows) {
      const k = key(value);
      const first = seen.get(k);
      if (first !== undefined) problem(file, line, column, `duplicate id '${k}' (first on line ${first})`);
      else seen.set(k, line);
    }
    return seen;
  };
  const sourceIds = unique('sources.csv', sources, (s) => s.id, 'id');
  const roleIds = unique('roles.csv', roles, (r) => r.id, 'id');
  const levelKeys = unique('levels.csv', levels, (l) => `${l.roleId}/${l.id}`, 'id');
  const skillIds = unique('skills.csv', skills, (s) => s.id, 'id');
  const educationIds = unique('education.csv', education, (e) => e.id, 'id');
  unique('pay-figures.csv', payFigures, (f) => f.id, 'id');
  const regionIds = unique('regions.csv', regions, (r) => r.id, 'id');
  unique('region-indices.csv', indices, (i) => `${i.regionId}/${i.index}`, 'index');
  const socs = unique('occupations.csv', occupations, (o) => `${o.soc}/${o.year}`, 'year');
  unique('levels.csv', levels, (l) => `${l.roleId}/rank ${l.rank}`, 'rank');

  const ref = (file: string, line: number, column: string, id: string | null | undefined, ids: Map<string, number>, what: string) => {
    if (id != null && !ids.has(id)) problem(file, line, column, `unknown ${what} '${id}'`);
  };
  const cites = <T extends { sourceId: string }>(file: string, rows: readonly TableRow<T>[]) => {
    for (const { line, value } of rows) ref(file, line, 'source_id', value.sourceId, sourceIds, 'source');
  };
  for (const { line, value } of sources) ref('sources.csv', line, 'via', value.via, sourceIds, 'source');
  for (const { line, value } of roles) {
    ref('roles.csv', line, 'source_id', value.sourceId, sourceIds, 'source');
    ref('roles.csv', line, 'pay_source_id', value.paySourceId, sourceIds, 'source');
    if (value.defaultLevel) ref('roles.csv', line, 'default_level', `${value.id}/${value.defaultLevel}`, levelKeys, 'level');
  }
  for (const { line, value } of levels) ref('levels.csv', line, 'role_id', value.roleId, roleIds, 'role');
  cites('levels.csv', levels);
  cites('skills.csv', skills);
  cites('education.csv', education);
  for (const { line, value } of requirements) {
    ref('requirements.csv', line, 'role_id', value.roleId, roleIds, 'role');
    ref('requirements.csv', line, 'level_id', `${value.roleId}/${value.levelId}`, levelKeys, 'level');
    ref('requirements.csv', line, 'value', value.value, value.kind === 'skill' ? skillIds : educationIds, value.kind);
  }
  cites('requirements.csv', requirements);
  for (const { line, value } of payFigures) {
    ref('pay-figures.csv', line, 'role_id', value.roleId, roleIds, 'role');
    if (value.levelId) ref('pay-figures.csv', line, 'level_id', `${value.roleId}/${value.levelId}`, levelKeys, 'level');
    ref('pay-figures.csv', line, 'region_id', value.regionId, regionIds, 'region');
  }
  cites('pay-figures.csv', payFigures);
  for (const { line, value } of regions) ref('regions.csv', line, 'parent_id', value.parentId, regionIds, 'region');
  cites('regions.csv', regions);
  for (const { line, value } of indices) ref('region-indices.csv', line, 'region_id', value.regionId, regionIds, 'region');
  cites('region-indices.csv', indices);
  cites('occupations.csv', occupations);
  const socCodes = new Map([...socs.entries()].map(([k, line]) => [k.split('/')[0] ?? '', line]));
  for (const { line, value } of mappings) {
    ref('occupation-mappings.csv', line, 'role_id', value.roleId, roleIds, 'role');
    if (value.levelId) ref('occupation-mappings.csv', line, 'level_id', `${value.roleId}/${value.levelId}`, levelKeys, 'level');
    ref('occupation-mappings.csv', line, 'soc', value.soc, socCodes, 'occupation (no row in occupations.csv)');
  }
  cites('occupation-mappings.csv', mappings);

  // Region tree: exactly one root, no cycles.
  const regionRows = new Map(regions.map((r) => [r.value.id, r]));
  const roots = regions.filter((r) => r.value.parentId === null);
  if (regions.length > 0 && roots.length !== 1) {
    problem(
      'regions.csv',
      roots[1]?.line ?? 1,
      'parent_id',
      `expected exactly one region without a parent (the national one), found ${roots.length}`,
    );
  }
  for (const { line, value } of regions) {
    const seen = new Set<string>();
    for (let id: string | null = value.id; id; id = regionRows.get(id)?.value.parentId ?? null) {
      if (seen.has(id)) {
        problem('regions.csv', line, 'parent_id', `region '${value.id}' is its own ancestor`);
        break;
      }
      seen.add(id);
    }
  }
  for (const { line, value } of indices) {
    if (
      value.index === 'raise-rate-low' &&
      !indices.some((i) => i.value.regionId === value.regionId && i.value.index === 'raise-rate-high')
    ) {
      problem('region-indices.csv', line, 'index', `raise-rate-low for '${value.regionId}' has no matching raise-rate-high`);
    }
  }
  if (roles.length === 0 && !problems.some((p) => p.file === 'roles.csv')) problem('roles.csv', 0, 'id', 'no role defined');

  if (problems.length > 0) throw new DatasetError(problems);

  // Everything refers to something real from here on.
  const levelsByRole = new Map<string, Level[]>();
  for (const { value } of levels) levelsByRole.set(value.roleId, [...(levelsByRole.get(value.roleId) ?? []), value]);
  const roleList: Role[] = roles.map(({ value }) => ({
    id: value.id,
    name: value.name,
    description: value.description,
    sourceId: value.sourceId,
    levels: (levelsByRole.get(value.id) ?? []).sort((a, b) => a.rank - b.rank),
  }));

  const regionList: Region[] = regions.map(({ value }) => {
    const own = indices.filter((i) => i.value.regionId === value.id).map((i) => i.value);
    const pick = (index: string) => own.find((i) => i.index === index);
    const asIndex = (i: (typeof own)[number] | undefined) =>
      i && { value: i.value, year: i.year, sourceId: i.sourceId, ...(i.notes ? { notes: i.notes } : {}) };
    const rpp = asIndex(pick('rpp'));
    const opm = asIndex(pick('opm-locality'));
    const low = pick('raise-rate-low');
    const high = pick('raise-rate-high');
    return {
      ...value,
      ...(rpp ? { rpp } : {}),
      ...(opm ? { opmLocality: opm } : {}),
      ...(low && high
        ? {
            raiseRate: {
              low: low.value,
              high: high.value,
              year: low.year,
              sourceId: low.sourceId,
              ...(low.notes ? { notes: low.notes } : {}),
            },
          }
        : {}),
    };
  });
  const regionsC = collect(regionList);
  const skillsC = collect(skills.map((s) => s.value));
  const rootRegionId = roots[0]?.value.id ?? '';

  const models: Record<string, RoleModel> = Object.create(null);
  for (const [i, role] of roleList.entries()) {
    const row = roles[i];
    const { model, problems: modelProblems } = buildRoleModel({
      role,
      paySourceId: row?.value.paySourceId ?? '',
      regions: regionList,
      regionsById: regionsC.byId,
      rootRegionId,
      skillsById: skillsC.byId,
      requirements: requirements.map((r) => r.value),
      payFigures: payFigures.map((f) => f.value),
      occupations: occupations.map((o) => o.value),
      occupationMappings: mappings.map((m) => m.value),
    });
    for (const reason of modelProblems) problem('roles.csv', row?.line ?? 0, 'id', reason);
    if (model) models[role.id] = model;
  }
  if (problems.length > 0) throw new DatasetError(problems);

  const sourceList: Source[] = sources.map((s) => s.value);
  return deepFreeze({
    sources: collect(sourceList),
    roles: collect(roleList),
    skills: skillsC,
    education: collect(education.map((e) => e.value)),
    regions: regionsC,
    requirements: requirements.map((r) => r.value),
    payFigures: payFigures.map((f) => f.value),
    occupations: occupations.map((o) => o.value),
    occupationMappings: mappings.map((m) => m.value),
    rootRegionId,
    defaultRoleId: roleList[0]?.id ?? '',
    models,
  });
}
