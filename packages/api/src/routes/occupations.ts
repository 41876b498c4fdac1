import { compareOccupations, OccupationComparisonQuerySchema, OccupationComparisonSchema } from '@paylens/core';
import { defineRoute } from '../routing/define-route.js';
import { toQuerySchema } from '../routing/query-schema.js';

export const compareOccupationsRoute = defineRoute({
  method: 'get',
  path: '/v1/occupations/compare',
  operationId: 'compareOccupations',
  summary: 'Set PACS pay against related BLS occupations',
  description:
    'Where the national base-pay estimate for a profile falls in the pay of the nearest BLS occupations (OEWS percentiles): ' +
    'its percentile in each and its ratio to each median. The mapping from role to occupation is labelled as judgement.',
  tags: ['insights'],
  query: toQuerySchema(OccupationComparisonQuerySchema.shape),
  response: { schema: OccupationComparisonSchema, description: 'The profile’s pay and one row per occupation' },
  problems: { 422: 'The data holds no figure for this profile (director), or the fields contradict each other' },
  handler: ({ query }, { dataset }) => compareOccupations(dataset, query),
});
