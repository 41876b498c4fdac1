import { buildDataset } from './dataset/build-dataset.js';
import type { Dataset } from './dataset/dataset.js';
import { DEFAULT_DATA_FILES } from './generated/default-data.js';

let cached: Dataset | undefined;

/**
 * The data set bundled with PayLens (PACS administrators, U.S.), built on first use and shared.
 *
 * @example
 * const dataset = getDefaultDataset();
 * dataset.regions.byId['us-ca-san-francisco']?.name; // 'San Francisco-Oakland-Fremont, CA'
 */
export function getDefaultDataset(): Dataset {
  cached ??= buildDataset(DEFAULT_DATA_FILES);
  return cached;
}
