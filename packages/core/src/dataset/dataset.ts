import type { RoleModel } from '../model/role-model.js';
import type {
  Education,
  Occupation,
  OccupationMapping,
  PayFigure,
  Region,
  Requirement,
  Role,
  Skill,
  Source,
} from '../schemas/catalogue.js';

/** A list in file order plus a lookup by id. Both are frozen. */
export interface Collection<T> {
  readonly all: readonly T[];
  readonly byId: Readonly<Record<string, T>>;
}

/**
 * A validated, frozen data set: catalogue, pay figures, regions, occupations, and the model
 * constants derived from them once at load time.
 */
export interface Dataset {
  readonly sources: Collection<Source>;
  readonly roles: Collection<Role>;
  readonly skills: Collection<Skill>;
  readonly education: Collection<Education>;
  readonly regions: Collection<Region>;
  readonly requirements: readonly Requirement[];
  readonly payFigures: readonly PayFigure[];
  readonly occupations: readonly Occupation[];
  readonly occupationMappings: readonly OccupationMapping[];
  /** The region without a parent: the national reference every factor is relative to. */
  readonly rootRegionId: string;
  /** The role used when a query names none. */
  readonly defaultRoleId: string;
  readonly models: Readonly<Record<string, RoleModel>>;
}

/** Builds a frozen collection; ids must already be unique. */
export function collect<T extends { id: string }>(items: readonly T[]): Collection<T> {
  const byId: Record<string, T> = Object.create(null);
  for (const item of items) byId[item.id] = item;
  return Object.freeze({ all: Object.freeze([...items]), byId: Object.freeze(byId) });
}

/** Freezes a plain-data value and everything reachable from it. */
export function deepFreeze<T>(value: T, seen = new WeakSet<object>()): T {
  if (value && typeof value === 'object' && !seen.has(value)) {
    seen.add(value);
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key], seen);
  }
  return value;
}
