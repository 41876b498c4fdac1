import { BenchmarkQuerySchema, BenchmarkSchema, benchmarkOffer } from '@paylens/core';
import { defineRoute } from '../routing/define-route.js';

export const benchmarkOfferRoute = defineRoute({
  method: 'post',
  path: '/v1/offers/benchmark',
  operationId: 'benchmarkOffer',
  summary: 'Benchmark one offer against the market',
  description:
    'Percentile, compa-ratio (offer ÷ market median), verdict (below-market < p25 ≤ competitive ≤ p75 < above-market), ' +
    'the gap in money and percent, and a counter-offer range, for the same profile as an estimate.',
  tags: ['insights'],
  body: BenchmarkQuerySchema,
  bodyParsedByHandler: true,
  bodyExample: { level: 'mid', region: 'us', offer: { base: 90_000, bonus: 2_000 } },
  response: { schema: BenchmarkSchema, description: 'The offer judged against the market' },
  problems: { 422: 'The data holds no figure for this profile, or the fields contradict each other' },
  handler: ({ body }, { dataset }) => benchmarkOffer(dataset, body),
});
