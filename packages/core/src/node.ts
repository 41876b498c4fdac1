/**
 * Everything in `@paylens/core`, plus reading a data directory from disk with Node's file system.
 *
 * @module @paylens/core/node
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildDataset } from './dataset/build-dataset.js';
import type { Dataset } from './dataset/dataset.js';
import { DatasetError, type DatasetProblem, isDatasetError } from './errors/index.js';

export {
  type BenchmarkOffersCsvOptions,
  type BulkCsv,
  type BulkCsvResult,
  benchmarkOffersCsv,
  type CsvInput,
} from './bulk/benchmark-offers-csv.js';
export { type StreamBulkCsvOptions, streamBulkCsv } from './bulk/stream-bulk-csv.js';
export * from './index.js';

/**
 * Reads every `.csv` file of a directory laid out like PayLens's `data/` and builds a data set
 * through the same validation as the bundled one. Refuses the whole directory with a
 * {@link DatasetError} listing every problem found.
 *
 * @example
 * import { loadDataset } from '@paylens/core/node';
 * const dataset = await loadDataset('./my-survey');
 */
export async function loadDataset(dir: string): Promise<Dataset> {
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile() && e.name.endsWith('.csv')).map((e) => e.name);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'directory not found' : code === 'ENOTDIR' ? 'not a directory' : `cannot read directory (${code})`;
    throw new DatasetError([{ file: dir, line: 0, reason }]);
  }
  const files: Record<string, string> = {};
  for (const name of names) files[name] = await readFile(join(dir, name), 'utf8');
  return buildDataset(files);
}

/** What {@link checkDataDir} found: the data set, or every problem. */
export type DataDirCheck =
  | { readonly ok: true; readonly dataset: Dataset }
  | { readonly ok: false; readonly problems: readonly DatasetProblem[] };

/**
 * Like {@link loadDataset}, but answers with every problem instead of throwing, for tools that
 * report them (`paylens check-data DIR`).
 *
 * @example
 * const check = await checkDataDir('./my-survey');
 * if (!check.ok) console.error(formatDatasetProblems(check.problems));
 */
export async function checkDataDir(dir: string): Promise<DataDirCheck> {
  try {
    return { ok: true, dataset: await loadDataset(dir) };
  } catch (error) {
    if (isDatasetError(error)) return { ok: false, problems: error.problems };
    throw error;
  }
}
