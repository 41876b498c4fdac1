// Human names for the ids in an answer.
import type { Estimate } from '@paylens/core';
import { type Catalogue, regionName } from '../profile.js';

const LEVEL_BASIS: Readonly<Record<string, string>> = { requested: '', inferred: ' (from your years and skills)', 'all-levels': '' };

/** "Mid-level (from your years and skills)", or "PACS administrator, all levels" */
export function describeWho(catalogue: Catalogue, e: Pick<Estimate, 'role' | 'level' | 'levelBasis'>): string {
  const role = catalogue.roles.find((r) => r.id === e.role);
  const level = e.level ? role?.levels.find((l) => l.id === e.level) : undefined;
  return e.level ? `${level?.name ?? e.level}${LEVEL_BASIS[e.levelBasis] ?? ''}` : `${role?.name ?? e.role}, all levels`;
}

/** "Mid-level in San Francisco-Oakland-Fremont, CA" */
export function describeProfile(catalogue: Catalogue, e: Pick<Estimate, 'role' | 'level' | 'levelBasis' | 'region'>): string {
  return `${describeWho(catalogue, e)} in ${regionName(catalogue, e.region)}`;
}
