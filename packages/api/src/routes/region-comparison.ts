import { compareRegions, RegionComparisonQuerySchema, RegionComparisonSchema } from '@paylens/core';
import { defineRoute } from '../routing/define-route.js';
import { toQuerySchema } from '../routing/query-schema.js';

// Listed before GET /v1/regions/{id} in routes/index.ts, so 'compare' is never read as a region id.
export const compareRegionsRoute = defineRoute({
  method: 'get',
  path: '/v1/regions/compare',
  operationId: 'compareRegions',
  summary: 'Compare one profile across regions',
  description:
    'Nominal base pay in each region, the same pay in purchasing-power terms (÷ BEA regional price parity) and the OPM ' +
    'locality-pay view where available, side by side and ranked. Lists are comma-separated: regions=us-ny-new-york,us-tx-houston.',
  tags: ['insights'],
  query: toQuerySchema(RegionComparisonQuerySchema.shape),
  response: { schema: RegionComparisonSchema, description: 'One row per region, in the order asked, and the rankings' },
  problems: { 422: 'The data holds no figure for this profile (director), or the fields contradict each other' },
  handler: ({ query }, { dataset }) => compareRegions(dataset, query),
});
