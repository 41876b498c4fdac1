import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildDataset } from './dataset/build-dataset.js';
import type { Dataset } from './dataset/dataset.js';
import { DatasetError } from './errors/index.js';

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
    names = (await readdir(dir)).filter((name) => name.endsWith('.csv'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DatasetError([{ file: dir, line: 0, reason: code === 'ENOENT' ? 'directory not found' : `cannot read directory (${code})` }]);
  }
  const files: Record<string, string> = {};
  for (const name of names) files[name] = await readFile(join(dir, name), 'utf8');
  return buildDataset(files);
}
