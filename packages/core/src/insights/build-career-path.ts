import type { Dataset } from '../dataset/dataset.js';
import { checkLevel, type Person, placeLevel } from '../model/place-level.js';
import { type ResolvedProfile, resolveProfile } from '../model/resolve-profile.js';
import type { RoleModel } from '../model/role-model.js';
import type { CareerPath, CareerPathQuery, CareerPosition, CareerStep, StepRequirement } from '../schemas/career-path.js';
import { CareerPathQuerySchema } from '../schemas/career-path.js';
import type { Level, Requirement } from '../schemas/catalogue.js';
import { parseInput } from '../schemas/parse-input.js';
import { computeEstimate } from './estimate-salary.js';

/** Weights of the readiness score: our judgement, documented in the README. */
export const READINESS_WEIGHTS = Object.freeze({ years: 0.4, skills: 0.4, education: 0.2 });

function describeRequirement(dataset: Dataset, r: Requirement): StepRequirement {
  const name = r.kind === 'skill' ? dataset.skills.byId[r.value]?.name : dataset.education.byId[r.value]?.name;
  return {
    kind: r.kind,
    id: r.value,
    name: name ?? r.value,
    necessity: r.necessity,
    basis: r.basis,
    sourceId: r.sourceId,
    notes: r.notes ?? null,
  };
}

function buildStep(dataset: Dataset, profile: ResolvedProfile, level: Level): CareerStep {
  const { model, region } = profile;
  const base = {
    level: level.id,
    name: level.name,
    rank: level.rank,
    minYears: level.minYears,
    minYearsBasis: level.minYearsBasis,
    minYearsSourceId: level.sourceId,
    gated: model.managementLevels.has(level.id),
    requirements: (model.requirements[level.id] ?? []).map((r) => describeRequirement(dataset, r)),
  };
  if (!model.anchors[level.id]) {
    return {
      ...base,
      pay: null,
      payNote: `No source in this data set gives pay for ${level.name}; PayLens will not invent a figure`,
    };
  }
  const stepProfile = resolveProfile(dataset, { role: profile.role.id, region: region.id, level: level.id });
  const e = computeEstimate(dataset, stepProfile);
  return {
    ...base,
    pay: { p25: e.base.p25, p50: e.base.p50, p75: e.base.p75, confidence: e.confidence, flags: [...e.flags] },
    payNote: e.flags.includes('lower-bound') ? 'The source gives only a floor for this step: the median shown is that floor' : null,
  };
}

function position(dataset: Dataset, model: RoleModel, person: Person): CareerPosition | null {
  const placement = placeLevel(dataset, model, person);
  if (!placement) return null;
  const top = placement.unpricedHigher ?? placement.level;
  const nextLevel = model.levels.find((l) => l.rank > top.rank);
  const years = person.yearsExperience;

  if (!nextLevel) {
    return {
      yearsExperience: years,
      current: placement.level.id,
      alsoQualifiesFor: placement.unpricedHigher?.id ?? null,
      next: null,
      eligibleForNext: false,
      missing: { skills: [], education: [], educationUnknown: person.education === undefined, years: 0 },
      yearsToGo: 0,
      readiness: { score: 100, components: [], basis: 'judgement', description: 'At the top of the ladder: no next step.' },
    };
  }

  const check = checkLevel(dataset, model, nextLevel, person);
  const reqs = model.requirements[nextLevel.id] ?? [];
  const requiredSkills = reqs.filter((r) => r.kind === 'skill' && r.necessity === 'required');
  const requiredEducation = reqs.filter((r) => r.kind === 'education' && r.necessity === 'required');
  const yearsToGo = Math.max(0, nextLevel.minYears - years);

  const yearsValue = nextLevel.minYears <= 0 ? 1 : Math.min(1, years / nextLevel.minYears);
  const skillsValue = requiredSkills.length === 0 ? 1 : (requiredSkills.length - check.missingSkills.length) / requiredSkills.length;
  const educationValue = requiredEducation.length === 0 ? 1 : check.educationUnknown ? 0 : check.missingEducation.length === 0 ? 1 : 0;
  const educationDetail =
    requiredEducation.length === 0
      ? 'no education required'
      : check.educationUnknown
        ? `requires ${requiredEducation.map((r) => r.value).join(', ')}; education not given, counted as not met`
        : educationValue === 1
          ? `${person.education} meets ${requiredEducation.map((r) => r.value).join(', ')}`
          : `${person.education} does not meet ${requiredEducation.map((r) => r.value).join(', ')}`;
  const component = (c: 'years' | 'skills' | 'education', value: number, detail: string) => ({
    component: c,
    weight: READINESS_WEIGHTS[c],
    value: Math.round(value * 10_000) / 10_000,
    points: Math.round(READINESS_WEIGHTS[c] * value * 10_000) / 100,
    detail,
  });
  const components = [
    component('years', yearsValue, `${years} of ${nextLevel.minYears} years (${nextLevel.minYearsBasis})`),
    component(
      'skills',
      skillsValue,
      `${requiredSkills.length - check.missingSkills.length} of ${requiredSkills.length} required skills held`,
    ),
    component('education', educationValue, educationDetail),
  ];
  const score = Math.round(components.reduce((sum, c) => sum + READINESS_WEIGHTS[c.component] * c.value, 0) * 100);

  return {
    yearsExperience: years,
    current: placement.level.id,
    alsoQualifiesFor: placement.unpricedHigher?.id ?? null,
    next: nextLevel.id,
    eligibleForNext: check.eligible,
    missing: {
      skills: check.missingSkills.map((r) => describeRequirement(dataset, r)),
      education: check.missingEducation.map((r) => describeRequirement(dataset, r)),
      educationUnknown: check.educationUnknown,
      years: yearsToGo,
    },
    yearsToGo,
    readiness: {
      score,
      components,
      basis: 'judgement',
      description: `Readiness for ${nextLevel.name} = 100 × (${READINESS_WEIGHTS.years} × years share + ${READINESS_WEIGHTS.skills} × required-skills share + ${READINESS_WEIGHTS.education} × education met); weights are our judgement`,
    },
  };
}

/**
 * The career ladder of a role: each step's minimum years (sourced or our judgement), base pay
 * p25/p50/p75 in the region (null, with a reason, where no source gives pay: director), and the
 * skills and education it asks for. Given `yearsExperience`, also where the person stands
 * (`placeLevel`), the next step, what is missing for it, years to go and a readiness score
 * 0–100 with its working (weights {@link READINESS_WEIGHTS}: our judgement).
 *
 * @throws ValidationError for malformed input, UnknownReferenceError for unknown ids.
 *
 * @example
 * const path = buildCareerPath(getDefaultDataset(), { yearsExperience: 4, skills: ['dicom', 'hl7'], education: 'bachelors' });
 * path.steps.map((s) => s.level); // ['entry', 'mid', 'senior', 'manager', 'director']
 * path.steps[4].pay; // null (no source gives director pay)
 * path.position?.current; // 'mid'
 * path.position?.next; // 'senior'
 * path.position?.yearsToGo; // 1
 */
export function buildCareerPath(dataset: Dataset, query: CareerPathQuery): CareerPath {
  const q = parseInput(CareerPathQuerySchema, query);
  // Resolved without yearsExperience so that the ladder itself never depends on the person.
  const profile = resolveProfile(dataset, {
    role: q.role,
    region: q.region,
    skills: q.skills,
    education: q.education,
  });
  const { model } = profile;
  const steps = model.levels.map((level) => buildStep(dataset, profile, level));
  const notes: string[] = [];
  if (steps.some((s) => s.pay === null)) notes.push('Steps without a pay figure show pay: null; no figure is invented for them.');

  let pos: CareerPosition | null = null;
  if (q.yearsExperience !== undefined) {
    pos = position(dataset, model, {
      yearsExperience: q.yearsExperience,
      skills: profile.skills,
      ...(q.education !== undefined ? { education: q.education } : {}),
    });
    if (pos && q.education === undefined) notes.push('Education not given: it is counted as not met in the readiness score.');
  }
  return { role: profile.role.id, region: profile.region.id, steps, position: pos, notes };
}
