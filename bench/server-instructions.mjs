// Instructions a request in the real server, counted by valgrind's callgrind (user space, every
// thread: the JavaScript, Node's HTTP parser and header writing, V8's GC and compilers), which the
// machine's other load does not change the way it changes CPU time. Each build in turn: started
// under `valgrind --tool=callgrind --instr-atstart=no` as the bench starts it (production, one
// worker, no request refused, a log line per request to a file), warmed up with autocannon, then
// counted over a fixed number of requests (10 connections) between `callgrind_control -i on/off`.
//   node bench/server-instructions.mjs [--endpoint=get|post] [--requests=3000] [--warmup=6000] [--rounds=1] [--keep=DIR] DIR|bare ...
// DIR: a server build under packages/api (e.g. `build`, or a variant copied to `build-x`);
// `bare`: the bench's bare Express app (bench/results/bare-app.mjs, answering the API's bodies);
// `bare-classes`: the same app served as the API's server serves (BARE_CLASSES=express).
// --keep=DIR keeps each counted run's callgrind file there, for callgrind_annotate (V8's compiled
// JavaScript shows as addresses; its builtins, runtime, garbage collector and Node's C++ by name).
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { bundleNodeApp } from '../packages/api/scripts/build-server.mjs';
import { loadRequest, waitForHealth, writeApiBodies } from './lib/real-server.mjs';
import { API_ENV } from './lib/requests.mjs';

const ROOT = join(import.meta.dirname, '..');
const BARE_ENTRY = join(ROOT, 'bench/results/bare-app.mjs');
const { values: args, positionals: builds } = parseArgs({
  allowPositionals: true,
  options: {
    endpoint: { type: 'string', default: 'get' },
    requests: { type: 'string', default: '3000' },
    warmup: { type: 'string', default: '6000' },
    rounds: { type: 'string', default: '1' },
    keep: { type: 'string' },
  },
});
const post = args.endpoint === 'post';
if (!post && args.endpoint !== 'get') throw new Error('--endpoint is get or post');
if (builds.length === 0) throw new Error('name one or more builds (a directory under packages/api, or bare)');
const requests = Number(args.requests);
const work = mkdtempSync(join(tmpdir(), 'paylens-server-instructions-'));
const isBare = (build) => build === 'bare' || build === 'bare-classes';
const entryOf = (build) => (isBare(build) ? BARE_ENTRY : join(ROOT, 'packages/api', build, 'server.mjs'));

// valgrind's gdbserver and callgrind_control find each other by a pipe named after the user and
// host from the environment (LOGNAME, HOST): the same names on both sides. HOST is also the
// address the server listens on.
const NAMES = { LOGNAME: 'paylens', USER: 'paylens', HOST: '127.0.0.1' };
const control = (...command) => execFileSync('callgrind_control', command, { env: { ...process.env, ...NAMES }, stdio: 'ignore' });

function env(port, bodiesFile) {
  return {
    ...process.env,
    ...NAMES,
    ...API_ENV,
    PORT: String(port),
    HOST: '127.0.0.1',
    ...(bodiesFile ? { BODIES_FILE: bodiesFile } : {}),
  };
}

const request = loadRequest(post);
const target = (port) => ({ url: `http://127.0.0.1:${port}`, requests: [request] });

/** The API's answer bodies, for the bare app (as the bench gives them to it). */
async function bareBodies() {
  if (!existsSync(BARE_ENTRY)) await bundleNodeApp({ entry: join(ROOT, 'bench/bare-app.ts'), outfile: BARE_ENTRY });
  const api = builds.find((b) => !isBare(b)) ?? 'build';
  const port = 4390;
  const child = spawn('node', [entryOf(api)], { env: env(port), stdio: 'ignore' });
  try {
    await waitForHealth(port, child, 200);
    return await writeApiBodies(port, join(work, 'bodies.json'));
  } finally {
    child.kill('SIGTERM');
  }
}

async function count(build, port, bodiesFile) {
  const out = join(work, `${build.replaceAll('/', '_')}.out`);
  const log = openSync(join(work, `${port}.log`), 'w');
  const child = spawn(
    'valgrind',
    ['--tool=callgrind', '--instr-atstart=no', '--smc-check=all-non-file', `--callgrind-out-file=${out}`, 'node', entryOf(build)],
    {
      env: { ...env(port, isBare(build) ? bodiesFile : undefined), ...(build === 'bare-classes' ? { BARE_CLASSES: 'express' } : {}) },
      stdio: ['ignore', log, log],
    },
  );
  try {
    await waitForHealth(port, child, 200);
    await autocannon({ ...target(port), connections: 10, amount: Number(args.warmup) });
    control('-i', 'on', String(child.pid));
    const run = await autocannon({ ...target(port), connections: 10, amount: requests });
    control('-i', 'off', String(child.pid));
    if (run.non2xx > 0 || run.errors > 0) throw new Error(`${build}: ${run.non2xx} non-2xx answers, ${run.errors} errors`);
    control('-d', String(child.pid));
    // The dump is written when the server next runs: wake it with a request, and wait for the file.
    await fetch(`http://127.0.0.1:${port}/healthz`);
    const prefix = `${build.replaceAll('/', '_')}.out.`;
    let dump = [];
    for (let i = 0; i < 100 && dump.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      dump = readdirSync(work)
        .filter((f) => f.startsWith(prefix))
        .map((f) => join(work, f));
    }
    await new Promise((r) => setTimeout(r, 300));
    const total = dump.map((f) => Number(/^totals:\s+(\d+)/m.exec(readFileSync(f, 'utf8'))?.[1] ?? 0)).reduce((a, b) => a + b, 0);
    for (const f of dump) {
      if (args.keep) copyFileSync(f, join(args.keep, `${build.replaceAll('/', '_')}-${args.endpoint}-${port}.callgrind`));
      rmSync(f);
    }
    return total / run.requests.total;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode === null ? child.once('exit', r) : r()));
  }
}

try {
  const bodiesFile = builds.some(isBare) ? await bareBodies() : undefined;
  const results = new Map(builds.map((b) => [b, []]));
  for (let round = 0; round < Number(args.rounds); round++) {
    for (const [i, build] of builds.entries()) {
      const n = await count(build, 4400 + round * builds.length + i, bodiesFile);
      results.get(build).push(n);
      console.log(`${post ? 'POST' : 'GET'} ${build}: ${Math.round(n)} instructions/request`);
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
  if (Number(args.rounds) > 1)
    for (const [build, ns] of results)
      console.log(`${post ? 'POST' : 'GET'} ${build}: ${Math.round(median(ns))} instructions/request (median of ${ns.length})`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
