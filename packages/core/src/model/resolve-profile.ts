import type { Dataset } from '../dataset/dataset.js';
import { InconsistentQueryError, NoDataError, UnknownReferenceError } from '../errors/index.js';
import type { Level, Region, Role } from '../schemas/catalogue.js';
import type { Flag } from '../schemas/estimate.js';
import { placeLevel } from './place-level.js';
import type { RoleModel } from './role-model.js';

/**
 * A hint for a mistyped id: the ids that start with it or share its first word, at most three
 * (`us-ca-sf` → `us-ca-san-francisco`, …). Without a close one, where to find the list.
 */
export function suggestId(id: string, known: Readonly<Record<string, unknown>>): string {
  const prefix = id.split('-').slice(0, -1).join('-') || id;
  const close = Object.keys(known)
    .filter((k) => k.startsWith(id) || (prefix.length >= 2 && k.startsWith(prefix) && k !== prefix))
    .slice(0, 3);
  return close.length > 0 ? `did you mean ${close.map((k) => `'${k}'`).join(', ')}?` : 'the catalogue lists the known ids';
}

const NO_SKILLS: readonly string[] = Object.freeze([]);
// A profile's flags: one of a few lists, shared and frozen.
const NO_FLAGS: readonly Flag[] = Object.freeze([]);
const BELOW_LEVEL_MINIMUM: readonly Flag[] = Object.freeze(['below-level-minimum']);
const LEVEL_INFERRED: readonly Flag[] = Object.freeze(['level-inferred']);
/** The skills of every profile without any: one set, never changed. */
const NO_SKILL_SET: ReadonlySet<string> = new Set();

/** The profile fields every insight accepts, already shape-checked by a schema. */
export interface ProfileInput {
  readonly role?: string | undefined;
  readonly level?: string | undefined;
  readonly yearsExperience?: number | undefined;
  readonly region?: string | undefined;
  readonly skills?: readonly string[] | undefined;
  readonly education?: string | undefined;
}

export interface ResolvedProfile {
  readonly role: Role;
  readonly model: RoleModel;
  readonly region: Region;
  readonly level: Level | undefined;
  readonly levelBasis: 'requested' | 'inferred' | 'all-levels';
  readonly skills: ReadonlySet<string>;
  readonly education: string | undefined;
  readonly yearsExperience: number | undefined;
  readonly flags: readonly Flag[];
  readonly notes: readonly string[];
}

/**
 * Turns ids into data-set records and settles the level: the one requested, the one the
 * person's experience and skills reach, or none (all levels together). Throws typed errors that
 * name the offending field.
 */
export function resolveProfile(dataset: Dataset, input: ProfileInput, prefix = ''): ResolvedProfile {
  // Each field read once: inputs come in many shapes, so every read is a slow (megamorphic) one.
  const { role: roleInput, level: levelId, yearsExperience: years, region: regionInput, skills: skillInput, education } = input;
  const roleId = roleInput ?? dataset.defaultRoleId;
  const role = dataset.roles.byId[roleId];
  const model = dataset.models[roleId];
  if (!role || !model) throw new UnknownReferenceError('role', roleId, `${prefix}role`);

  const regionId = regionInput ?? dataset.rootRegionId;
  const region = dataset.regions.byId[regionId];
  if (!region) throw new UnknownReferenceError('region', regionId, `${prefix}region`, suggestId(regionId, dataset.regions.byId));

  const skillIds = skillInput ?? NO_SKILLS;
  const skills = skillIds.length === 0 ? NO_SKILL_SET : new Set<string>();
  for (let i = 0; i < skillIds.length; i++) {
    const id = skillIds[i] as string;
    if (!dataset.skills.byId[id]) throw new UnknownReferenceError('skill', id, `${prefix}skills.${i}`, suggestId(id, dataset.skills.byId));
    (skills as Set<string>).add(id);
  }
  if (education !== undefined && !dataset.education.byId[education]) {
    throw new UnknownReferenceError('education', education, `${prefix}education`);
  }

  let flags: readonly Flag[] = NO_FLAGS;
  const notes: string[] = [];
  let level: Level | undefined;
  let levelBasis: ResolvedProfile['levelBasis'] = 'all-levels';

  if (levelId !== undefined) {
    // An indexed loop rather than `find` (a closure per call) or `for…of` (slow on frozen lists).
    const levels = role.levels;
    for (let i = 0; i < levels.length; i++) {
      const l = levels[i] as Level;
      if (l.id === levelId) {
        level = l;
        break;
      }
    }
    if (!level) {
      throw new UnknownReferenceError(
        'level',
        levelId,
        `${prefix}level`,
        `levels of ${role.id}: ${role.levels.map((l) => l.id).join(', ')}`,
      );
    }
    levelBasis = 'requested';
    if (years !== undefined && years < level.minYears) {
      if (level.minYearsBasis === 'sourced') {
        throw new InconsistentQueryError(
          `${prefix}yearsExperience`,
          `${level.name} needs at least ${level.minYears} years of experience (source: ${level.sourceId}); got ${years}`,
        );
      }
      flags = BELOW_LEVEL_MINIMUM;
      notes.push(`${level.name} usually comes after ${level.minYears} years (our judgement); ${years} given.`);
    }
  } else if (years !== undefined) {
    const placement = placeLevel(dataset, model, { yearsExperience: years, skills, education });
    if (!placement) throw new NoDataError(`${prefix}level`, `No level of ${role.id} has a pay figure`);
    level = placement.level;
    levelBasis = 'inferred';
    flags = LEVEL_INFERRED;
    notes.push(`Level ${level.id} inferred from ${years} years of experience and the skills given.`);
    if (placement.unpricedHigher) {
      notes.push(`The profile also qualifies for ${placement.unpricedHigher.name}, for which no source gives pay; shown at ${level.name}.`);
    }
    if (education === undefined && model.managementLevels.size > 0) {
      notes.push('Education not given: not used to decide the level.');
    }
  }

  if (level && !model.anchors[level.id]) {
    throw new NoDataError(
      `${prefix}level`,
      `No source in this data set gives pay for ${level.name} (${role.id}/${level.id}); PayLens will not invent a figure`,
    );
  }
  if (!level && !model.allLevels) throw new NoDataError(`${prefix}level`, `No all-levels pay figure for ${role.id}; give a level`);

  return { role, model, region, level, levelBasis, skills, education, yearsExperience: years, flags, notes };
}
