import { resolve } from 'node:path';
import { type Dataset, getDefaultDataset, loadDataset } from '@paylens/core/node';
import type { CliIo } from './io.js';

/** The data set a command works on: `--data DIR`, else `PAYLENS_DATA_DIR`, else the bundled one. */
export async function loadDatasetOption(io: CliIo, dir: string | undefined): Promise<Dataset> {
  const chosen = dir ?? io.env.PAYLENS_DATA_DIR;
  return chosen ? loadDataset(resolve(io.cwd, chosen)) : getDefaultDataset();
}
