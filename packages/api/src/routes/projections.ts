import { ProjectionQuerySchema, ProjectionSchema, projectPay } from '@paylens/core';
import { defineRoute } from '../routing/define-route.js';

export const postProjection = defineRoute({
  method: 'post',
  path: '/v1/projections',
  operationId: 'projectPay',
  summary: 'Project pay year by year',
  description:
    'Year-by-year base and total pay over 1–40 years for a profile: yearly raises at the region’s rate where the data has one ' +
    '(New York 2–3%), otherwise the national rate, and promotions when the person becomes eligible, each year with its level ' +
    'and reason. series is the middle path; where the raise rate is a range, low and high paths come beside it.',
  tags: ['insights'],
  body: ProjectionQuerySchema,
  bodyParsedByHandler: true,
  bodyExample: { yearsExperience: 2, skills: ['dicom', 'hl7', 'troubleshooting'], region: 'us-ny-new-york', horizonYears: 10 },
  response: { schema: ProjectionSchema, description: 'The projection, with its raise rates and assumptions' },
  problems: { 422: 'The data holds no figure for this profile (director), or the fields contradict each other' },
  handler: ({ body }, { dataset }) => projectPay(dataset, body),
});
