// The request log's cost in the real server: the API bundle (build it first: `pnpm build:server`)
// started as in the bench (production, one worker, no request refused) with LOG_LEVEL=info (a line
// per request, to a file) and with LOG_LEVEL=warn (no request lines), alternating, 4 rounds each;
// autocannon (10 connections, 2 s warm-up, 5 s measured) on 127.0.0.1; server CPU per request from
// /proc (user + system, every thread; the system share too).  Usage: node bench/log-cost.mjs [--rounds=4]
// With --builds=DIR_A,DIR_B[,…] (server builds, e.g. a variant of server.ts built and copied to
// packages/api/build-b; paths relative to packages/api so the bundles find the web page), all log
// at LOG_LEVEL=info and the builds take turns instead (the order rotates each round): how the
// NOTES compare log destinations and other variants. `bare` among them is the bench's bare Express
// app (bench/bare-app.ts, bundled to bench/results/bare-app.mjs as the bench does, answering the
// API's own bodies), `bare-classes` the same app served as the API's server serves (BARE_CLASSES).
// --endpoint=post loads POST /v1/offers/benchmark with the bench's body instead
// of GET /v1/estimates; --duration=S sets the measured seconds (default 5); --pin runs the servers
// on CPU 1 and autocannon on CPU 0 (taskset). A build written
// `DIR+--flag+--flag` runs with those node flags (`build+--max-semi-space-size=16`, `bare+…`).
// Besides CPU per request (every thread, and the main thread alone), each run reports the server's write system calls per request
// (/proc/PID/io syscw: the answers' socket writes and the log's) and its context switches per
// request (every thread's, from /proc/PID/task/*/status); and autocannon's own CPU per request (this
// process's, user + system, while it measures: it parses every answer's headers and body).
import { existsSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { bundleNodeApp } from '../packages/api/scripts/build-server.mjs';
import { loadRequest, pinToFirstCore, spawnServer, waitForHealth, writeApiBodies } from './lib/real-server.mjs';
import { API_ENV } from './lib/requests.mjs';

const ROOT = join(import.meta.dirname, '..');
const BARE_ENTRY = join(ROOT, 'bench/results/bare-app.mjs');
const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '4' },
    builds: { type: 'string' },
    endpoint: { type: 'string', default: 'get' },
    duration: { type: 'string', default: '5' },
    pin: { type: 'boolean', default: false },
  },
});
// --pin: the server on CPU 1 and this process (autocannon) on CPU 0, so that neither takes the
// other's core: the server's req/s is then its CPU per request's inverse.
if (args.pin) pinToFirstCore();
const rounds = Number(args.rounds);
const duration = Number(args.duration);
const post = args.endpoint === 'post';
if (!post && args.endpoint !== 'get') throw new Error('--endpoint is get or post');
const builds = args.builds?.split(',');
if (builds && builds.length < 2) throw new Error('--builds takes two or more build directories, comma-separated');
/** The servers compared: LOG_LEVEL info against warn on the build, or several builds logging at info. */
const variants = builds
  ? builds.map((spec) => {
      // `DIR+--flag+--flag`: the build run with these node flags (e.g. V8's heap settings).
      const [dir, ...flags] = spec.split('+');
      return dir === 'bare' || dir === 'bare-classes'
        ? { name: spec, entry: BARE_ENTRY, level: 'info', flags, env: dir === 'bare-classes' ? { BARE_CLASSES: 'express' } : {} }
        : { name: spec, entry: join(ROOT, 'packages/api', dir, 'server.mjs'), level: 'info', flags };
    })
  : ['info', 'warn'].map((level) => ({ name: level, entry: join(ROOT, 'packages/api/build/server.mjs'), level }));

/** User and system CPU ms of a process so far (clock ticks of 10 ms). */
function cpuTimes(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return { user: Number(fields[11]) * 10, system: Number(fields[12]) * 10 };
}

/** User and system CPU ms of a process's main thread so far (the one running JavaScript). */
function mainThreadMs(pid) {
  const fields = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Write system calls so far (every thread). */
function writeCalls(pid) {
  return Number(/^syscw: (\d+)/m.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1] ?? Number.NaN);
}

/** Context switches so far, summed over the process's threads still alive. */
function contextSwitches(pid) {
  let n = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const status = readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8');
      for (const m of status.matchAll(/^(?:non)?voluntary_ctxt_switches:\s+(\d+)/gm)) n += Number(m[1]);
    } catch {
      // the thread ended meanwhile
    }
  }
  return n;
}

/** The API's answer bodies for the bare app (it answers them precomputed, as in the bench). */
async function bareBodies() {
  if (!existsSync(BARE_ENTRY)) await bundleNodeApp({ entry: join(ROOT, 'bench/bare-app.ts'), outfile: BARE_ENTRY });
  const api = variants.find((v) => v.entry !== BARE_ENTRY);
  const server = await start(api, 4099);
  try {
    return await writeApiBodies(4099, join(tmpdir(), 'paylens-log-cost-bodies.json'));
  } finally {
    server.kill('SIGTERM');
  }
}

let bodiesFile;

async function start({ entry, level, flags = [], env: extra = {} }, port) {
  const out = openSync(join(tmpdir(), `paylens-log-cost-${port}.log`), 'w');
  const env = {
    ...process.env,
    ...API_ENV,
    LOG_LEVEL: level,
    PORT: String(port),
    HOST: '127.0.0.1',
    ...(bodiesFile ? { BODIES_FILE: bodiesFile } : {}),
    ...extra,
  };
  const server = spawnServer('node', [...flags, entry], { env, stdio: ['ignore', out, 'inherit'] }, args.pin);
  await waitForHealth(port, server);
  return server;
}

async function measure(variant, port) {
  const server = await start(variant, port);
  try {
    const target = { url: `http://127.0.0.1:${port}`, requests: [loadRequest(post)] };
    await autocannon({ ...target, connections: 10, duration: 2 });
    const pid = server.pid;
    const before = { cpu: cpuTimes(pid), main: mainThreadMs(pid), writes: writeCalls(pid), switches: contextSwitches(pid) };
    const client = process.cpuUsage();
    const run = await autocannon({ ...target, connections: 10, duration });
    const clientUs = process.cpuUsage(client);
    const n = run.requests.total;
    if (run.non2xx > 0 || run.errors > 0) throw new Error(`${variant.name}: ${run.non2xx} non-2xx answers, ${run.errors} errors`);
    const cpu = cpuTimes(pid);
    return {
      rps: run.requests.average,
      usPerRequest: ((cpu.user + cpu.system - before.cpu.user - before.cpu.system) * 1000) / n,
      systemUsPerRequest: ((cpu.system - before.cpu.system) * 1000) / n,
      mainUsPerRequest: ((mainThreadMs(pid) - before.main) * 1000) / n,
      clientUsPerRequest: (clientUs.user + clientUs.system) / n,
      writesPerRequest: (writeCalls(pid) - before.writes) / n,
      switchesPerRequest: (contextSwitches(pid) - before.switches) / n,
    };
  } finally {
    server.kill('SIGTERM');
  }
}

if (variants.some((v) => v.entry === BARE_ENTRY)) bodiesFile = await bareBodies();
const results = variants.map(() => []);
for (let i = 0; i < rounds; i++) {
  const order = variants.map((_, k) => (k + i) % variants.length);
  for (const v of order) {
    const r = await measure(variants[v], 4100 + variants.length * i + v);
    results[v].push(r);
    console.log(
      `${variants[v].name}: ${Math.round(r.rps)} req/s, ${r.usPerRequest.toFixed(0)} µs server CPU (${r.systemUsPerRequest.toFixed(0)} system, ${r.mainUsPerRequest.toFixed(0)} main thread) / request, ` +
        `${r.writesPerRequest.toFixed(2)} writes, ${r.switchesPerRequest.toFixed(2)} context switches / request; autocannon ${r.clientUsPerRequest.toFixed(0)} µs CPU / request`,
    );
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [k, v] of variants.entries()) {
  const rs = results[k];
  console.log(
    `${v.name} median: ${median(rs.map((r) => r.usPerRequest)).toFixed(0)} µs (${median(rs.map((r) => r.systemUsPerRequest)).toFixed(0)} system, ${median(rs.map((r) => r.mainUsPerRequest)).toFixed(0)} main thread) / request, ${Math.round(median(rs.map((r) => r.rps)))} req/s, ` +
      `${median(rs.map((r) => r.writesPerRequest)).toFixed(2)} writes, ${median(rs.map((r) => r.switchesPerRequest)).toFixed(2)} switches / request; ` +
      `autocannon ${median(rs.map((r) => r.clientUsPerRequest)).toFixed(0)} µs CPU / request`,
  );
}
