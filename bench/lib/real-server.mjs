// What the plain-node scripts that load a running server share (log-cost.mjs,
// server-instructions.mjs, server-profile.mjs): the autocannon request, starting a server (pinned
// to a core or not), waiting for its /healthz, and the API's bodies for the bare app.
import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { BENCHMARK_BODY, BENCHMARK_PATH, ESTIMATE_PATH } from './requests.mjs';

/** The bench's GET (estimate) or POST (offer benchmark), as an autocannon request. */
export const loadRequest = (post) =>
  post
    ? { method: 'POST', path: BENCHMARK_PATH, headers: { 'content-type': 'application/json' }, body: BENCHMARK_BODY }
    : { method: 'GET', path: ESTIMATE_PATH };

/** Pins this process (autocannon) to CPU 0, every thread: the servers go on CPU 1 (`pinned`). */
export function pinToFirstCore() {
  execFileSync('taskset', ['-a', '-cp', '0', String(process.pid)], { stdio: 'ignore' });
}

/** `spawn(command, args, options)`, on CPU 1 alone when `pinned` (taskset execs it: same pid). */
export const spawnServer = (command, args, options, pinned = false) =>
  pinned ? spawn('taskset', ['-c', '1', command, ...args], options) : spawn(command, args, options);

/** Resolves once the server on `port` answers /healthz with 200; rejects if `child` exits first. */
export async function waitForHealth(port, child, everyMs = 50) {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode})`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The API on `port`'s answers to the two requests, written to `file` for the bare app (BODIES_FILE). */
export async function writeApiBodies(port, file) {
  const { path: getPath } = loadRequest(false);
  const { path: postPath, headers, body } = loadRequest(true);
  const estimate = await (await fetch(`http://127.0.0.1:${port}${getPath}`)).text();
  const benchmark = await (await fetch(`http://127.0.0.1:${port}${postPath}`, { method: 'POST', headers, body })).text();
  writeFileSync(file, JSON.stringify({ estimate, benchmark }));
  return file;
}
