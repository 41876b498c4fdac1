// Several server processes on one port (node:cluster). Each worker loads the data set and
// answers on its own; nothing is shared between them (the rate limit counts per worker), so N
// workers answer exactly as N machines behind any load balancer would.
import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import type { Logger } from 'pino';
import * as z from 'zod';
import { ConfigError } from './config.js';

/** Exit code of a worker that cannot serve (bad configuration or data): restarting will not help. */
export const EXIT_BAD_SETUP = 2;
/** A worker that dies sooner than this after starting counts as a failed start. */
const MIN_UPTIME_MS = 5_000;
/** Failed starts in a row after which the primary gives up. */
const MAX_FAILED_STARTS = 5;

const WorkersSchema = z.union([z.literal('auto'), z.coerce.number().int().min(1).max(256)]);

/**
 * How many worker processes to run: `PAYLENS_WORKERS` (a count, or `auto` for one per core);
 * without it, one per core when `NODE_ENV=production`, else one (a single process, no cluster).
 *
 * @throws ConfigError for a value that is neither `auto` nor a count from 1 to 256.
 * @example
 * readWorkerCount({ PAYLENS_WORKERS: '4' }); // 4
 * readWorkerCount({ NODE_ENV: 'production' }); // os.availableParallelism()
 */
export function readWorkerCount(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env.PAYLENS_WORKERS?.trim();
  if (raw === undefined || raw === '') return env.NODE_ENV === 'production' ? availableParallelism() : 1;
  const parsed = WorkersSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError([`PAYLENS_WORKERS: expected 'auto' or a whole number from 1 to 256; got '${raw}'`]);
  return parsed.data === 'auto' ? availableParallelism() : parsed.data;
}

/**
 * In the primary process: forks `count` workers, each running this same program (so each
 * calls the server again and, not being the primary, listens). A worker that dies is replaced,
 * unless it could not start at all (exit code 2) or keeps dying on start. SIGTERM/SIGINT are
 * passed on to every worker, which drain their requests; the primary exits once all have.
 */
export function runPrimary(count: number, logger: Logger): void {
  let stopping = false;
  let exitCode = 0;
  let failedStarts = 0;
  const startedAt = new Map<Worker, number>();

  const fork = () => startedAt.set(cluster.fork(), Date.now());

  cluster.on('exit', (worker, code, signal) => {
    const uptime = Date.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    if (stopping) {
      if (startedAt.size === 0) {
        logger.info('all workers stopped');
        process.exit(exitCode);
      }
      return;
    }
    if (code === EXIT_BAD_SETUP) {
      logger.fatal({ pid: worker.process.pid }, 'a worker cannot start (configuration or data set refused); stopping');
      shutdown(EXIT_BAD_SETUP);
      return;
    }
    failedStarts = uptime < MIN_UPTIME_MS ? failedStarts + 1 : 0;
    if (failedStarts >= MAX_FAILED_STARTS) {
      logger.fatal({ failedStarts }, 'workers keep dying on start; stopping');
      shutdown(1);
      return;
    }
    logger.error({ pid: worker.process.pid, code, signal }, 'worker died; starting another');
    fork();
  });

  function shutdown(code: number) {
    stopping = true;
    exitCode = code;
    if (startedAt.size === 0) process.exit(code);
    for (const worker of startedAt.keys()) worker.process.kill('SIGTERM');
  }

  const stop = (signal: NodeJS.Signals) => {
    logger.info({ signal, workers: startedAt.size }, 'shutdown requested: draining every worker');
    shutdown(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);

  logger.info({ workers: count }, `starting ${count} workers`);
  for (let i = 0; i < count; i++) fork();
}
