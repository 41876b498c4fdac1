import type { Route } from '../routing/define-route.js';
import { getCareerPath } from './career-paths.js';
import { listEducation } from './education.js';
import { getEstimate, postEstimate } from './estimates.js';
import { healthz, readyz } from './health.js';
import { listLevels } from './levels.js';
import { compareOccupationsRoute } from './occupations.js';
import { benchmarkOfferRoute } from './offers.js';
import { benchmarkOffersBatchRoute } from './offers-batch.js';
import { getPayBand, postPayBand } from './pay-bands.js';
import { postProjection } from './projections.js';
import { compareRegionsRoute } from './region-comparison.js';
import { getRegion, listRegions } from './regions.js';
import { getRole, listRoles } from './roles.js';
import { listSkills } from './skills.js';
import { listSources } from './sources.js';

/** Every route of the API, in the order of the document. Adding a route: one file, one line here. */
export const routes: readonly Route[] = [
  listRoles,
  getRole,
  listLevels,
  listSkills,
  listEducation,
  listRegions,
  // Before getRegion: /v1/regions/compare is not a region id.
  compareRegionsRoute,
  getRegion,
  listSources,
  getEstimate,
  postEstimate,
  benchmarkOfferRoute,
  benchmarkOffersBatchRoute,
  getCareerPath,
  postProjection,
  compareOccupationsRoute,
  getPayBand,
  postPayBand,
  healthz,
  readyz,
];
