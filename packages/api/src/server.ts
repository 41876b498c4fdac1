// Runs the API: reads the configuration, loads the data set, listens, and drains on SIGTERM/SIGINT.
import { type Dataset, formatDatasetProblems, getDefaultDataset, isDatasetError } from '@paylens/core';
import { loadDataset } from '@paylens/core/node';
import { pino } from 'pino';
import { createApp } from './app.js';
import { ConfigError, readConfig, type ServerConfig } from './config.js';
import { listen } from './listen.js';

/** Exit code for a configuration or data set that cannot be served. */
const EXIT_BAD_SETUP = 2;

function fail(lines: readonly string[]): never {
  process.stderr.write(`${lines.join('\n')}\n`);
  process.exit(EXIT_BAD_SETUP);
}

function readConfigOrExit(): ServerConfig {
  try {
    return readConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) fail(['paylens: invalid configuration', ...error.problems.map((p) => `  ${p}`)]);
    throw error;
  }
}

async function loadDatasetOrExit(dir: string | undefined): Promise<Dataset> {
  if (dir === undefined) return getDefaultDataset();
  try {
    return await loadDataset(dir);
  } catch (error) {
    if (isDatasetError(error)) {
      const n = error.problems.length;
      fail([`paylens: data set in ${dir} refused (${n} problem${n === 1 ? '' : 's'}):`, formatDatasetProblems(error.problems)]);
    }
    throw error;
  }
}

const config = readConfigOrExit();
const logger = pino({ level: config.logLevel });
const dataset = await loadDatasetOrExit(config.dataDir);
let ready = true;
const app = createApp({ dataset, config, logger, isReady: () => ready });

try {
  const running = await listen(app, {
    port: config.port,
    host: config.host,
    logger,
    onDrain: () => {
      ready = false;
    },
  });
  logger.info({ port: running.port, dataDir: config.dataDir ?? null }, `PayLens API on http://localhost:${running.port} (docs: /docs/)`);
  const stop = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'shutdown requested');
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} catch (error) {
  logger.fatal({ err: { type: (error as Error).name, message: (error as Error).message } }, 'cannot listen');
  process.exit(1);
}
