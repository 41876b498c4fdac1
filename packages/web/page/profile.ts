// The shared profile form: filled from the catalogue routes, read into the query every view sends.
import type { Region, Role } from '@paylens/core';
import { ApiProblem, api, type ProfileQuery } from './api.js';
import { byId, h } from './dom.js';

const KIND_LABEL: Readonly<Record<string, string>> = { national: 'national', state: 'state', metro: 'metro area' };
const CATEGORY_LABEL: Readonly<Record<string, string>> = { technical: 'Technical', soft: 'Soft skills', leadership: 'Leadership' };

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1).replaceAll('-', ' ');

/** What the profile form knows once the catalogue is loaded. */
export interface Catalogue {
  readonly roles: readonly Role[];
  readonly regions: readonly Region[];
  /** Region by lower-cased name and by id. */
  readonly regionIndex: ReadonlyMap<string, Region>;
}

const controls = () => ({
  form: byId('profile', HTMLFormElement),
  role: byId('role', HTMLSelectElement),
  level: byId('level', HTMLSelectElement),
  years: byId('years', HTMLInputElement),
  region: byId('region', HTMLInputElement),
  education: byId('education', HTMLSelectElement),
  skillGroups: byId('skill-groups', HTMLDivElement),
  regionOptions: byId('region-options', HTMLDataListElement),
});

function fillLevels(role: Role | undefined): void {
  const { level } = controls();
  const chosen = level.value;
  level.replaceChildren(h('option', { value: '' }, 'Work it out from my years'));
  for (const l of role?.levels ?? []) {
    const years = l.minYears > 0 ? ` (${l.minYears}+ years)` : '';
    level.append(h('option', { value: l.id, selected: l.id === chosen }, `${l.name}${years}`));
  }
}

/** Loads roles, skills, education and regions into the form. */
export async function loadCatalogue(): Promise<Catalogue> {
  const c = controls();
  const [roles, skills, education, regions] = await Promise.all([api.roles(), api.skills(), api.education(), api.regions()]);

  c.role.replaceChildren(...roles.map((r) => h('option', { value: r.id }, r.name)));
  fillLevels(roles[0]);
  c.role.addEventListener('change', () => fillLevels(roles.find((r) => r.id === c.role.value)));

  c.education.append(...education.map((e) => h('option', { value: e.id }, e.name)));

  const skillById = new Map(skills.skills.map((s) => [s.id, s]));
  c.skillGroups.replaceChildren(
    ...skills.categories.map((category) =>
      h(
        'fieldset',
        { class: 'skill-group' },
        h('legend', {}, CATEGORY_LABEL[category.id] ?? capitalise(category.id)),
        ...category.skills.map((id) => {
          const skill = skillById.get(id);
          const inputId = `skill-${id}`;
          return h(
            'div',
            { class: 'check' },
            h('input', { type: 'checkbox', id: inputId, name: 'skills', value: id }),
            h('label', { for: inputId, title: skill?.description }, skill?.name ?? id),
          );
        }),
      ),
    ),
  );

  const regionIndex = new Map<string, Region>();
  for (const r of regions) {
    regionIndex.set(r.name.toLowerCase(), r);
    regionIndex.set(r.id, r);
  }
  c.regionOptions.replaceChildren(...regions.map((r) => h('option', { value: r.name }, KIND_LABEL[r.kind] ?? r.kind)));
  return { roles, regions, regionIndex };
}

/**
 * The region a search box names: an exact name or id from the catalogue, else the one region
 * whose name contains the text (GET /v1/regions?q=). Empty text is no region.
 *
 * @throws ApiProblem naming `field` when nothing, or more than one region, matches
 */
export async function resolveRegion(catalogue: Catalogue, text: string, field: string): Promise<Region | undefined> {
  const wanted = text.trim();
  if (wanted === '') return undefined;
  const exact = catalogue.regionIndex.get(wanted.toLowerCase());
  if (exact) return exact;
  const found = await api.regions(wanted.slice(0, 100));
  if (found.length === 1) return found[0];
  const message =
    found.length === 0
      ? `No region matches “${wanted}”. Try a state or a city name.`
      : `${found.length} regions match “${wanted}”: pick one from the list (e.g. ${found
          .slice(0, 3)
          .map((r) => r.name)
          .join('; ')}).`;
  throw new ApiProblem(400, 'Unknown region', message, [{ path: field, message }]);
}

/** The profile as the API takes it; empty fields are left out so the API's defaults apply. */
export async function readProfile(catalogue: Catalogue, options: { withRegion: boolean }): Promise<ProfileQuery> {
  const c = controls();
  const query: ProfileQuery = {};
  if (c.role.value) query.role = c.role.value;
  if (c.level.value) query.level = c.level.value;
  if (c.years.validity.badInput) {
    const message = 'Enter the years as a number, e.g. 4 or 2.5.';
    throw new ApiProblem(400, 'Invalid input', message, [{ path: 'yearsExperience', message }]);
  }
  const years = c.years.value.trim();
  if (years !== '') query.yearsExperience = Number(years);
  if (options.withRegion) {
    const region = await resolveRegion(catalogue, c.region.value, 'region');
    if (region) {
      query.region = region.id;
      c.region.value = region.name;
    }
  }
  const skills = [...c.form.querySelectorAll<HTMLInputElement>('input[name="skills"]:checked')].map((i) => i.value);
  if (skills.length > 0) query.skills = skills;
  if (c.education.value) query.education = c.education.value;
  return query;
}

/** The name of a region id, for labels. */
export const regionName = (catalogue: Catalogue, id: string): string => catalogue.regionIndex.get(id)?.name ?? id;
