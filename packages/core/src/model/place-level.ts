import type { Dataset } from '../dataset/dataset.js';
import type { Level, Requirement } from '../schemas/catalogue.js';
import type { RoleModel } from './role-model.js';

/** A person as far as levels care: years, skills held, highest education (unknown when absent). */
export interface Person {
  readonly yearsExperience: number;
  readonly skills: ReadonlySet<string>;
  readonly education?: string | undefined;
}

export interface LevelCheck {
  readonly level: Level;
  readonly yearsMet: boolean;
  readonly missingSkills: readonly Requirement[];
  /** Required education the person lacks; empty when met or when their education is unknown. */
  readonly missingEducation: readonly Requirement[];
  readonly educationUnknown: boolean;
  readonly eligible: boolean;
}

/** True when `education` meets or exceeds the required one (ranks from education.csv). */
export function meetsEducation(dataset: Dataset, held: string, required: string): boolean {
  const a = dataset.education.byId[held]?.rank;
  const b = dataset.education.byId[required]?.rank;
  return a !== undefined && b !== undefined && a >= b;
}

/**
 * Checks one level against a person. Individual-contributor levels are reached by years alone
 * (missing skills are reported, not enforced); management levels, those that require a
 * leadership skill, also need those skills and the required education.
 */
export function checkLevel(dataset: Dataset, model: RoleModel, level: Level, person: Person): LevelCheck {
  const reqs = model.requirements[level.id] ?? [];
  const missingSkills = reqs.filter((r) => r.kind === 'skill' && r.necessity === 'required' && !person.skills.has(r.value));
  const educationUnknown = person.education === undefined;
  const missingEducation = educationUnknown
    ? []
    : reqs.filter((r) => r.kind === 'education' && r.necessity === 'required' && !meetsEducation(dataset, person.education ?? '', r.value));
  const yearsMet = person.yearsExperience >= level.minYears;
  const gated = model.managementLevels.has(level.id);
  const eligible = yearsMet && (!gated || (missingSkills.length === 0 && missingEducation.length === 0));
  return { level, yearsMet, missingSkills, missingEducation, educationUnknown, eligible };
}

/** {@link checkLevel}'s `eligible`, without building the lists of what is missing. */
function isEligible(dataset: Dataset, model: RoleModel, level: Level, person: Person): boolean {
  if (person.yearsExperience < level.minYears) return false;
  if (!model.managementLevels.has(level.id)) return true;
  const reqs = model.requirements[level.id];
  if (!reqs) return true;
  // Indexed loops: `for…of` is slow on frozen lists.
  for (let i = 0; i < reqs.length; i++) {
    const r = reqs[i] as Requirement;
    if (r.necessity !== 'required') continue;
    if (r.kind === 'skill' && !person.skills.has(r.value)) return false;
    if (r.kind === 'education' && person.education !== undefined && !meetsEducation(dataset, person.education, r.value)) return false;
  }
  return true;
}

export interface Placement {
  readonly level: Level;
  /** An eligible level above the placement that has no pay figure, when there is one. */
  readonly unpricedHigher?: Level;
}

/**
 * The highest level a person qualifies for among those the data can price. Non-decreasing in
 * years for fixed skills and education, because eligibility only grows with years.
 */
export function placeLevel(dataset: Dataset, model: RoleModel, person: Person): Placement | undefined {
  let placed: Level | undefined;
  let unpricedHigher: Level | undefined;
  const levels = model.levels;
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i] as Level;
    if (!isEligible(dataset, model, level, person)) continue;
    if (model.anchors[level.id]) {
      placed = level;
      unpricedHigher = undefined;
    } else unpricedHigher = level;
  }
  placed ??= model.levels.find((l) => model.anchors[l.id]);
  if (!placed) return undefined;
  return unpricedHigher && unpricedHigher.rank > placed.rank ? { level: placed, unpricedHigher } : { level: placed };
}
