// Starting and stopping the servers under test as child processes, the way production runs them.
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { buildServer, bundleNodeApp, SERVER_BUNDLE } from '../../packages/api/scripts/build-server.mjs';

export const ROOT = join(import.meta.dirname, '..', '..');
/** The API's production build (`pnpm start` runs it with plain node): packages/api/build/server.mjs. */
export const API_ENTRY = SERVER_BUNDLE;
/** The bare Express app, bundled by the same function with the same settings as the API. */
export const BARE_ENTRY = join(ROOT, 'bench', 'results', 'bare-app.mjs');

/** The bare app's training start for its code cache (the API's is in build-server.mjs). */
export const BARE_TRAINING_ENV = { PORT: '0', HOST: '127.0.0.1' };

let built: Promise<void> | undefined;

/**
 * Builds both servers once per run, before the first start: the API as `pnpm start` builds it
 * (esbuild, one CommonJS bundle with its launcher and V8 code cache, dependencies bundled), the bare
 * app by the same function and settings.
 */
export function buildServers(): Promise<void> {
  built ??= Promise.all([
    buildServer(),
    bundleNodeApp({ entry: join(ROOT, 'bench', 'bare-app.ts'), outfile: BARE_ENTRY, trainingEnv: BARE_TRAINING_ENV }),
  ]).then(() => undefined);
  return built;
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** One request; the status and body. */
export function fetchText(
  port: number,
  path: string,
  init: { method?: string; body?: string } = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: init.method ?? 'GET',
        agent: false,
        headers: init.body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(init.body) },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          body += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

/** CPU milliseconds used so far by a process (Linux /proc; 0 elsewhere). */
export function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * (1000 / CLOCK_TICKS);
  } catch {
    return 0;
  }
}

/** Linux clock ticks per second (USER_HZ), 100 on every usual kernel. */
const CLOCK_TICKS = 100;

export interface RunningProcess {
  readonly child: ChildProcess;
  readonly port: number;
  /** Milliseconds from spawn to the first 200 from /healthz. */
  readonly readyMs: number;
  /** CPU milliseconds the process had used by then (user + system; its own threads only). */
  readonly readyCpuMs: number;
  stop(): Promise<void>;
}

/**
 * Spawns `node <entry>`, a bundle from {@link buildServers} (built first if need be; as
 * `pnpm start` runs the API: plain node, no TypeScript loader), and polls /healthz every few
 * milliseconds until it answers 200. Output goes to `logFile` (or nowhere).
 */
export async function startProcess(
  entry: string,
  env: Record<string, string>,
  options: { logFile?: string; timeoutMs?: number; nodeArgs?: readonly string[] } = {},
): Promise<RunningProcess> {
  await buildServers();
  const port = await freePort();
  const out = options.logFile === undefined ? 'ignore' : openSync(options.logFile, 'a');
  const started = performance.now();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), entry], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', ...env, PORT: String(port) },
    stdio: ['ignore', out, 'pipe'],
  });
  if (typeof out === 'number') closeSync(out);
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let exitedEarly = false;
  void exited.then(() => {
    exitedEarly = true;
  });
  const deadline = started + (options.timeoutMs ?? 30_000);
  for (;;) {
    if (exitedEarly) throw new Error(`${entry} exited before answering /healthz: ${stderr.slice(0, 2000)}`);
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${entry} did not answer /healthz in time: ${stderr.slice(0, 2000)}`);
    }
    const status = await fetchText(port, '/healthz').then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  const readyMs = performance.now() - started;
  const readyCpuMs = cpuMs(child.pid ?? 0);
  return {
    child,
    port,
    readyMs,
    readyCpuMs,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Runs `node --import tsx <args>` to completion; its exit code and output. */
export function runNode(args: readonly string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
