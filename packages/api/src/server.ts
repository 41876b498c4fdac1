#!/usr/bin/env node
// Runs the API: reads the configuration, loads the data set, listens, and drains on SIGTERM/SIGINT.
import cluster from 'node:cluster';
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { type Dataset, formatDatasetProblems, getDefaultDataset, isDatasetError } from '@paylens/core';
import { loadDataset } from '@paylens/core/node';
import { pino } from 'pino';
import { createApp } from './app.js';
import { EXIT_BAD_SETUP, readWorkerCount, runPrimary } from './cluster.js';
import { ConfigError, readConfig, type ServerConfig } from './config.js';
import { listen, type RunningServer } from './listen.js';
import { createLogDestination } from './log-destination.js';

function fail(lines: readonly string[]): never {
  process.stderr.write(`${lines.join('\n')}\n`);
  process.exit(EXIT_BAD_SETUP);
}

function readConfigOrExit(env: NodeJS.ProcessEnv): ServerConfig {
  try {
    return readConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) fail(['paylens: invalid configuration', ...error.problems.map((p) => `  ${p}`)]);
    throw error;
  }
}

function readWorkerCountOrExit(env: NodeJS.ProcessEnv): number {
  try {
    return readWorkerCount(env);
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

export interface StartServerOptions {
  /** Overrides `PORT`. */
  readonly port?: number;
  /** Overrides `PAYLENS_DATA_DIR`. */
  readonly dataDir?: string;
  /** Environment to read the rest of the configuration from; `process.env` by default. */
  readonly env?: NodeJS.ProcessEnv;
  /** Overrides `PAYLENS_WORKERS`: worker processes sharing the port (see {@link readWorkerCount}). */
  readonly workers?: number;
}

/**
 * Starts the API as a process would: configuration from the environment (options win), the data
 * set loaded (a bad one exits 2 with every problem listed), listening, and a graceful drain on
 * SIGTERM/SIGINT (exit 0 once requests in flight are done). With more than one worker, this
 * process becomes the cluster's primary: it forks the workers, each of which runs the same
 * program and so calls this again to serve, and resolves to undefined.
 *
 * @example
 * await startServer({ port: 8080, dataDir: './my-survey' });
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer | undefined> {
  const env = options.env ?? process.env;
  const base = readConfigOrExit(env);
  const config: ServerConfig = {
    ...base,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
  };
  // Buffered: lines go out about 4 KB at a time (one write for some 25 request lines), at least
  // every 250 ms, and whatever is left when the process exits (see createLogDestination).
  const destination = createLogDestination();
  const logger = pino({ level: config.logLevel }, destination);
  const workers = options.workers ?? readWorkerCountOrExit(env);
  if (workers > 1 && cluster.isPrimary) {
    runPrimary(workers, logger);
    return undefined;
  }
  const dataset = await loadDatasetOrExit(config.dataDir);
  let ready = true;
  const app = createApp({ dataset, config, logger, isReady: () => ready });

  let running: RunningServer;
  try {
    running = await listen(app, {
      port: config.port,
      host: config.host,
      logger,
      onDrain: () => {
        ready = false;
      },
    });
  } catch (error) {
    logger.fatal({ err: { type: (error as Error).name, message: (error as Error).message } }, 'cannot listen');
    process.exit(1);
  }
  logger.info({ port: running.port, dataDir: config.dataDir ?? null }, `PayLens API on http://localhost:${running.port} (docs: /docs/)`);
  // Whoever waits for this line (an operator, a supervisor, a test) sees it now, not a flush later.
  destination.flush();
  const stop = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'shutdown requested');
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return running;
}

// Run directly (node server.js, tsx, or the `paylens-api` bin, whose path is a symlink that Node
// resolves for import.meta.url but not for argv[1]), start; imported (`paylens serve`), don't.
// Not a top-level await: the production build is CommonJS (build-server.mjs), which has none. A
// start that fails is an unhandled rejection, which ends the process with exit code 1, as a
// rejected top-level await did.
const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(realpathSync(entry)).href) void startServer();
