// @paylens/core: the public API. Pure: no file system, no network (see ./node for loading files).

export { buildDataset, type DatasetFiles } from './dataset/build-dataset.js';
export type { Collection, Dataset } from './dataset/dataset.js';
export { getDefaultDataset } from './default-dataset.js';
export * from './errors/index.js';
export { benchmarkOffer } from './insights/benchmark-offer.js';
export { computeEstimate, estimateSalary } from './insights/estimate-salary.js';
export type { RegionFactor, RoleModel, Spread } from './model/role-model.js';
export * from './schemas/benchmark.js';
export * from './schemas/catalogue.js';
export * from './schemas/common.js';
export * from './schemas/estimate.js';
export { parseInput } from './schemas/parse-input.js';
