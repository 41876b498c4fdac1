// The two requests every HTTP benchmark sends, in one place: the bench (bench/sections/http.ts)
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
