/**
 * Salary and career insights computed from a plain-CSV data set, with every figure sourced.
 * Pure: no file system, no network, so it runs in Node and in browsers; `@paylens/core/node`
 * adds loading a data directory from disk.
 *
 * @module @paylens/core
 */

export { type BenchmarkOffersOptions, benchmarkOffers } from './bulk/benchmark-offers.js';
export { type BulkBenchmarker, type BulkBenchmarkerOptions, createBulkBenchmarker } from './bulk/create-bulk-benchmarker.js';
export { type BulkSummaryAccumulator, createBulkSummary } from './bulk/create-bulk-summary.js';
export {
  matchOfferColumn,
  normalizeColumnName,
  OFFER_COLUMNS,
  type OfferColumn,
  type OfferColumnMap,
  RESULT_COLUMNS,
  type ResultColumn,
  resolveOfferColumns,
} from './bulk/offer-columns.js';
export { toOutputRecord, toResultCells } from './bulk/to-result-cells.js';
export { buildDataset, type DatasetFiles } from './dataset/build-dataset.js';
export type { Collection, Dataset } from './dataset/dataset.js';
export { getDefaultDataset } from './default-dataset.js';
export * from './errors/index.js';
export { benchmarkOffer, judgeOffer } from './insights/benchmark-offer.js';
export { buildCareerPath, READINESS_WEIGHTS } from './insights/build-career-path.js';
export { buildPayBand, DEFAULT_SPREAD_PERCENT } from './insights/build-pay-band.js';
export { compareOccupations } from './insights/compare-occupations.js';
export { compareRegions } from './insights/compare-regions.js';
export { computeEstimate, ESTIMATE_MEMO_SIZE, estimateSalary } from './insights/estimate-salary.js';
export { projectPay } from './insights/project-pay.js';
export type { ResolvedProfile } from './model/resolve-profile.js';
export type { AlternativeFigure, LevelAnchor, RaiseAssumption, RegionFactor, RoleModel, Spread } from './model/role-model.js';
export * from './schemas/benchmark.js';
export * from './schemas/bulk.js';
export * from './schemas/career-path.js';
export * from './schemas/catalogue.js';
export * from './schemas/common.js';
export * from './schemas/estimate.js';
export * from './schemas/occupation-comparison.js';
export { parseInput } from './schemas/parse-input.js';
export * from './schemas/pay-band.js';
export * from './schemas/projection.js';
export * from './schemas/region-comparison.js';
export type { LognormalFactors } from './stats/lognormal.js';
