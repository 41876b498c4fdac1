import { EstimateQuerySchema, EstimateSchema, estimateSalary } from '@paylens/core';
import { defineRoute } from '../routing/define-route.js';
import { toQuerySchema } from '../routing/query-schema.js';

const description =
  'Base pay percentiles and mean, bonus and total for a profile, with every adjustment, source, flag and a confidence grade. ' +
  'Without asOf, figures are as the sources state them.';
const problems = {
  422: 'The data holds no figure for this profile (director), or the fields contradict each other (manager with under 5 years)',
} as const;

export const getEstimate = defineRoute({
  method: 'get',
  path: '/v1/estimates',
  operationId: 'getEstimate',
  summary: 'Estimate pay (query string)',
  description: `${description} Lists are comma-separated: skills=dicom,hl7.`,
  tags: ['insights'],
  query: toQuerySchema(EstimateQuerySchema.shape),
  response: { schema: EstimateSchema, description: 'The estimate, with its working shown' },
  problems,
  handler: ({ query }, { dataset }) => estimateSalary(dataset, query),
});

export const postEstimate = defineRoute({
  method: 'post',
  path: '/v1/estimates',
  operationId: 'postEstimate',
  summary: 'Estimate pay (JSON body)',
  description,
  tags: ['insights'],
  body: EstimateQuerySchema,
  bodyParsedByHandler: true,
  bodyExample: { level: 'mid', region: 'us-ca-san-francisco', skills: ['dicom', 'hl7'] },
  response: { schema: EstimateSchema, description: 'The estimate, with its working shown' },
  problems,
  handler: ({ body }, { dataset }) => estimateSalary(dataset, body),
});
