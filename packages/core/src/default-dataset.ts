import { assembleDataset, buildDataset, type DatasetRows } from './dataset/build-dataset.js';
import type { Dataset } from './dataset/dataset.js';
import { DEFAULT_DATA_FILES, DEFAULT_DATA_ROWS_JSON } from './generated/default-data.js';

let cached: Dataset | undefined;

/**
 * The data set bundled with PayLens (PACS administrators, U.S.), built on first use and shared.
 *
 * Its CSV files were read and validated by their table schemas when they were embedded
 * (`scripts/generate-default-data.mjs`), so it starts from those validated rows; what no single
 * row can show (unique ids, references between tables, the region tree, the role models) is
 * still checked and built here. Data loaded from elsewhere (`buildDataset`, `loadDataset`) is
 * always validated in full.
 *
 * @example
 * const dataset = getDefaultDataset();
 * dataset.regions.byId['us-ca-san-francisco']?.name; // 'San Francisco-Oakland-Fremont, CA'
 */
export function getDefaultDataset(): Dataset {
  cached ??=
    DEFAULT_DATA_ROWS_JSON === null ? buildDataset(DEFAULT_DATA_FILES) : assembleDataset(JSON.parse(DEFAULT_DATA_ROWS_JSON) as DatasetRows);
  return cached;
}
