// The two requests every HTTP benchmark sends, and the API environment it runs the API in, in one
// place: the bench (bench/sections/http.ts)
// and the plain-node scripts (log-cost.mjs, server-instructions.mjs, server-profile.mjs).

/** GET /v1/estimates for a mid-level PACS administrator in San Francisco with DICOM and HL7. */
export const ESTIMATE_PATH = '/v1/estimates?level=mid&region=us-ca-san-francisco&skills=dicom,hl7&yearsExperience=4';

export const BENCHMARK_PATH = '/v1/offers/benchmark';

/** The same profile's offer, POSTed to {@link BENCHMARK_PATH}. */
export const BENCHMARK_BODY = JSON.stringify({
  level: 'mid',
  region: 'us-ca-san-francisco',
  skills: ['dicom', 'hl7'],
  offer: { base: 95_000, bonus: 2_000 },
});

/**
 * The API's environment in every HTTP benchmark: production, one worker, a rate limit no benchmark
 * reaches, a log line per request.
 */
export const API_ENV = Object.freeze({ NODE_ENV: 'production', PAYLENS_WORKERS: '1', RATE_LIMIT_MAX: '1000000000', LOG_LEVEL: 'info' });
