import { buildPayBand, PayBandQuerySchema, PayBandSchema } from '@paylens/core';
import { defineRoute } from '../routing/define-route.js';
import { toQuerySchema } from '../routing/query-schema.js';

const description =
  'A salary band (min, midpoint, max) for a role, level and region, built from the market percentiles, with where min and max ' +
  'fall in the market and the estimate behind it.';
const problems = { 422: 'The data holds no figure for this profile (director), or the fields contradict each other' } as const;

// The GET form is the spread method only: its parameters' examples must work together, and
// spreadPercent and percentiles exclude each other. POST takes either method.
const { method: _method, percentiles: _percentiles, ...spreadShape } = PayBandQuerySchema.shape;

export const getPayBand = defineRoute({
  method: 'get',
  path: '/v1/pay-bands',
  operationId: 'getPayBand',
  summary: 'Build a pay band around the market median (query string)',
  description: `${description} The band spans spreadPercent (default 40) around the median; for a band between two market percentiles, use POST. Lists are comma-separated: skills=dicom,hl7.`,
  tags: ['insights'],
  query: toQuerySchema(spreadShape),
  response: { schema: PayBandSchema, description: 'The band, with its definition and the market estimate' },
  problems,
  handler: ({ query }, { dataset }) => buildPayBand(dataset, { ...query, method: 'spread' }),
});

export const postPayBand = defineRoute({
  method: 'post',
  path: '/v1/pay-bands',
  operationId: 'postPayBand',
  summary: 'Build a pay band (JSON body)',
  description: `${description} method spread: spreadPercent around the median; method percentiles: the band is two market percentiles.`,
  tags: ['insights'],
  body: PayBandQuerySchema,
  bodyParsedByHandler: true,
  bodyExample: { level: 'mid', region: 'us-ca-san-francisco', method: 'percentiles', percentiles: 'p25-p75' },
  response: { schema: PayBandSchema, description: 'The band, with its definition and the market estimate' },
  problems,
  handler: ({ body }, { dataset }) => buildPayBand(dataset, body),
});
