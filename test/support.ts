import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { type CreateAppOptions, createApp, defineRoute } from '@paylens/api';
import { getDefaultDataset } from '@paylens/core';
import { pino } from 'pino';
import * as z from 'zod';

/** A logger whose lines are kept for inspection. */
export function captureLogs() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

/** The app over the bundled data, rate limiting off and logs kept, unless told otherwise. */
export function testApp(options: Partial<CreateAppOptions> = {}): { app: ReturnType<typeof createApp>; logs: string[] } {
  const { logger, lines } = captureLogs();
  const app = createApp({ dataset: getDefaultDataset(), logger, ...options, config: { rateLimit: false, ...options.config } });
  return { app, logs: lines };
}

/** A route at GET /boom that throws `error`: what an unexpected failure looks like to the app. */
export function failingRoute(error: Error) {
  return defineRoute({
    method: 'get',
    path: '/boom',
    operationId: 'boom',
    summary: 'Fails',
    tags: [],
    response: { schema: z.object({}), description: 'never' },
    handler: () => {
      throw error;
    },
  });
}

/** The repository's root. */
export const ROOT = join(import.meta.dirname, '..');

/** How the TypeScript server is started in tests (as `pnpm paylens serve` would, without the CLI). */
export const TS_SERVER = ['--import', 'tsx', 'packages/api/src/server.ts'] as const;

export interface ServerProcess {
  readonly child: ChildProcess;
  /** Everything written so far. */
  readonly out: { stdout: string; stderr: string };
  readonly exit: Promise<number | null>;
}

/**
 * Starts a server process (`node <args>`, the TypeScript server by default) from the repository's
 * root, logging at info on 127.0.0.1 unless `env` says otherwise, and collects its output.
 */
export function spawnServer(env: Record<string, string>, args: readonly string[] = TS_SERVER): ServerProcess {
  const child = spawn(process.execPath, [...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = { stdout: '', stderr: '' };
  child.stdout?.on('data', (d) => {
    out.stdout += d;
  });
  child.stderr?.on('data', (d) => {
    out.stderr += d;
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out, exit };
}

/** The port a started server logs (`"port":N`) once it listens; rejects if it exits first or takes over `ms`. */
export function listeningPort(server: ServerProcess, ms = 25_000): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start: ${server.out.stderr}`)), ms);
    const check = () => {
      const match = /"port":(\d+)/.exec(server.out.stdout);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    server.child.stdout?.on('data', check);
    check();
    void server.exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`exited: ${server.out.stderr}`));
    });
  });
}
