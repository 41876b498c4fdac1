import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { assembleDataset, buildDataset, type DatasetRows, readDatasetRows } from './dataset/build-dataset.js';
import { getDefaultDataset } from './default-dataset.js';
import { isDatasetError } from './errors/index.js';
import { DEFAULT_DATA_FILES, DEFAULT_DATA_ROWS_JSON } from './generated/default-data.js';

describe('getDefaultDataset', () => {
  it('starts from the rows validated when the data was embedded', () => {
    expect(DEFAULT_DATA_ROWS_JSON).not.toBeNull();
    expect(JSON.parse(DEFAULT_DATA_ROWS_JSON ?? 'null')).toEqual(JSON.parse(JSON.stringify(readDatasetRows(DEFAULT_DATA_FILES).rows)));
  });

  it('is the same data set as the CSV files validated in full, prototypes and all', () => {
    expect(isDeepStrictEqual(getDefaultDataset(), buildDataset(DEFAULT_DATA_FILES))).toBe(true);
    expect(Object.getPrototypeOf(getDefaultDataset().regions.byId)).toBeNull();
    expect(Object.isFrozen(getDefaultDataset().models)).toBe(true);
  });

  it('is built once and shared', () => {
    expect(getDefaultDataset()).toBe(getDefaultDataset());
  });
});

describe('assembleDataset', () => {
  const rows = (): DatasetRows => JSON.parse(DEFAULT_DATA_ROWS_JSON ?? 'null') as DatasetRows;

  it('still checks what no single row can: a reference to an unknown region is refused', () => {
    const broken = rows();
    const first = broken.indices[0];
    if (!first) throw new Error('no region index');
    const changed = { ...broken, indices: [{ ...first, value: { ...first.value, regionId: 'atlantis' } }, ...broken.indices.slice(1)] };
    try {
      assembleDataset(changed);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(isDatasetError(error)).toBe(true);
      if (isDatasetError(error)) expect(error.problems.map((p) => p.reason)).toContain("unknown region 'atlantis'");
    }
  });

  it('refuses the rows with the problems found while reading them', () => {
    const problem = { file: 'regions.csv', line: 3, reason: 'bad' };
    try {
      assembleDataset(rows(), [problem]);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(isDatasetError(error) && error.problems).toEqual([problem]);
    }
  });
});
