// The HTTP benchmarks: the API against a bare Express app answering the same bodies, the API on
// 1 and 2 workers, and start-up time. Servers run as child processes; autocannon runs here.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type LoadRequest, type LoadResult, load } from '../lib/load.js';
import { type BenchContext, type Section, type Target, table } from '../lib/report.js';
import { API_ENV, BENCHMARK_BODY, BENCHMARK_PATH, ESTIMATE_PATH } from '../lib/requests.mjs';
import { API_ENTRY, BARE_ENTRY, cpuMs, fetchText, type RunningProcess, startProcess } from '../lib/server-process.js';
import { formatCount, formatRatio, median } from '../lib/stats.js';

/** The production configuration, with a rate limit no benchmark reaches. */
function apiEnv(workers: number): Record<string, string> {
  return { ...API_ENV, PAYLENS_WORKERS: String(workers) };
}

interface Run extends LoadResult {
  /** Server CPU per request, microseconds (all its processes for the cluster: primary's own only). */
  readonly cpuUsPerRequest: number;
}

function settings(ctx: BenchContext) {
  return ctx.smoke ? { connections: 4, duration: 1, amount: 200 } : { connections: 10, duration: 10 };
}

async function measure(ctx: BenchContext, server: RunningProcess, request: LoadRequest): Promise<Run> {
  const pid = server.child.pid ?? 0;
  const before = cpuMs(pid);
  const result = await load(server.port, request, settings(ctx));
  if (result.failures > 0) throw new Error(`${request.method} ${request.path}: ${result.failures} failed requests`);
  return { ...result, cpuUsPerRequest: ((cpuMs(pid) - before) * 1000) / result.requests };
}

/** A latency in milliseconds, to the hundredth. */
const formatMs = (ms: number) => `${ms.toFixed(2)} ms`;
const runCells = (runs: readonly Run[]) => runs.map((r) => `${formatCount(r.rps)} (p99 ${formatMs(r.p99)})`).join('; ');

/** Runs the runners in turn, `rounds` times each, the first of them starting one place later each round. */
async function rotate(ctx: BenchContext, rounds: number, runners: readonly (() => Promise<Run>)[]): Promise<Run[][]> {
  const out = runners.map(() => [] as Run[]);
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < runners.length; k++) {
      const i = (k + r) % runners.length;
      out[i]?.push(await (runners[i] as () => Promise<Run>)());
    }
    ctx.log(`  round ${r + 1}/${rounds}: ${out.map((runs) => formatCount(runs.at(-1)?.rps ?? 0)).join(' vs ')} req/s`);
  }
  return out;
}

/** Runs `a` and `b` alternately, `rounds` times each, `a` first in even rounds. */
async function alternate(ctx: BenchContext, rounds: number, a: () => Promise<Run>, b: () => Promise<Run>): Promise<{ a: Run[]; b: Run[] }> {
  const [runsA = [], runsB = []] = await rotate(ctx, rounds, [a, b]);
  return { a: runsA, b: runsB };
}

export async function runApiSection(ctx: BenchContext): Promise<Section> {
  const rounds = ctx.smoke ? 1 : 3;
  const s = settings(ctx);
  ctx.log('api: starting the API (production middleware) and the bare Express app');
  const api = await startProcess(API_ENTRY, apiEnv(1), { logFile: join(ctx.workDir, 'api.log') });
  const targets: Target[] = [];
  const rows: string[][] = [];
  let bare: RunningProcess | undefined;
  let bareClasses: RunningProcess | undefined;
  const sameServing: string[] = [];
  try {
    const estimate = await fetchText(api.port, ESTIMATE_PATH);
    const benchmark = await fetchText(api.port, BENCHMARK_PATH, { method: 'POST', body: BENCHMARK_BODY });
    if (estimate.status !== 200 || benchmark.status !== 200) throw new Error(`API answered ${estimate.status}/${benchmark.status}`);
    const bodiesFile = join(ctx.workDir, 'bodies.json');
    writeFileSync(bodiesFile, JSON.stringify({ estimate: estimate.body, benchmark: benchmark.body }));
    bare = await startProcess(BARE_ENTRY, { BODIES_FILE: bodiesFile });
    const bareServer = bare;
    if ((await fetchText(bare.port, ESTIMATE_PATH)).body !== estimate.body) throw new Error('the bare app answers another body');
    // Not the target's baseline: the same bare app served as the API's server serves (request and
    // response classes with Express's prototypes in place), to show what that server change is worth.
    bareClasses = await startProcess(BARE_ENTRY, { BODIES_FILE: bodiesFile, BARE_CLASSES: 'express' });
    const bareClassesServer = bareClasses;

    const endpoints: { name: string; request: LoadRequest; p99: boolean }[] = [
      { name: 'GET /v1/estimates', request: { method: 'GET', path: ESTIMATE_PATH }, p99: true },
      { name: 'POST /v1/offers/benchmark', request: { method: 'POST', path: BENCHMARK_PATH, body: BENCHMARK_BODY }, p99: false },
    ];
    for (const { name, request, p99 } of endpoints) {
      ctx.log(`api: ${name}, ${rounds} alternating rounds (API vs bare)`);
      // Warm-up: JIT and memo, both servers.
      if (!ctx.smoke) {
        for (const server of [api, bareServer, bareClassesServer]) await load(server.port, request, { ...s, duration: 2, amount: 20_000 });
      }
      const [apiRuns = [], bareRuns = [], classesRuns = []] = await rotate(ctx, rounds, [
        () => measure(ctx, api, request),
        () => measure(ctx, bareServer, request),
        () => measure(ctx, bareClassesServer, request),
      ]);
      const apiRps = median(apiRuns.map((r) => r.rps));
      const bareRps = median(bareRuns.map((r) => r.rps));
      const apiP99 = median(apiRuns.map((r) => r.p99));
      const bareP99 = median(bareRuns.map((r) => r.p99));
      const apiCpu = median(apiRuns.map((r) => r.cpuUsPerRequest));
      const bareCpu = median(bareRuns.map((r) => r.cpuUsPerRequest));
      rows.push([name, 'API', formatCount(apiRps), formatMs(apiP99), `${formatCount(apiCpu)} µs`, runCells(apiRuns)]);
      rows.push([name, 'bare Express', formatCount(bareRps), formatMs(bareP99), `${formatCount(bareCpu)} µs`, runCells(bareRuns)]);
      const classesRps = median(classesRuns.map((r) => r.rps));
      rows.push([
        name,
        'bare Express, served as the API',
        formatCount(classesRps),
        formatMs(median(classesRuns.map((r) => r.p99))),
        `${formatCount(median(classesRuns.map((r) => r.cpuUsPerRequest)))} µs`,
        runCells(classesRuns),
      ]);
      sameServing.push(`${name}: ${formatRatio(apiRps / classesRps)}`);
      targets.push({
        name: `${name} req/s`,
        baseline: `${formatCount(bareRps)} req/s`,
        measured: `${formatCount(apiRps)} req/s (server CPU ${formatCount(apiCpu)} vs ${formatCount(bareCpu)} µs/request)`,
        target: '≥ 0.85 × baseline',
        value: formatRatio(apiRps / bareRps),
        pass: apiRps / bareRps >= 0.85,
      });
      if (p99) {
        targets.push({
          name: `${name} p99 latency`,
          baseline: formatMs(bareP99),
          measured: formatMs(apiP99),
          target: '≤ 1.25 × baseline',
          value: formatRatio(apiP99 / bareP99),
          pass: apiP99 / bareP99 <= 1.25,
        });
      }
    }
  } finally {
    await api.stop();
    await bare?.stop();
    await bareClasses?.stop();
  }
  const body = [
    `autocannon, ${s.connections} connections, ${ctx.smoke ? `${s.amount} requests` : `${s.duration} s`} per run, ${rounds} rounds`,
    'alternating which server goes first; medians. Servers are child processes started with plain `node` on their',
    'esbuild bundles (the API: `packages/api/build/server.mjs`, as `pnpm start` builds and runs it; the bare app bundled',
    'by the same function and settings); autocannon runs in the benchmark process, on 127.0.0.1. The API runs as in',
    'production (`NODE_ENV=production`, one worker):',
    'helmet headers, rate limit (`RATE_LIMIT_MAX=1000000000` so no request is refused), a log line per request to a file.',
    'The bare app is Express 5 with no middleware and ETag off (as in the API), sending the API’s own answer bodies,',
    'precomputed; its POST route reads and parses the JSON body with `express.json()` (as any endpoint taking a body',
    'must), then answers. Server CPU per request comes from /proc (user + system time of the server process ÷ requests).',
    'Latencies are each 2xx answer’s time as autocannon measures it (`process.hrtime`), kept to the microsecond in an HdrHistogram (autocannon’s own histogram holds whole milliseconds).',
    '',
    `GET \`${ESTIMATE_PATH}\`; POST \`/v1/offers/benchmark\` with \`${BENCHMARK_BODY}\`.`,
    '',
    table(['endpoint', 'server', 'req/s (median)', 'p99 (median)', 'server CPU / request', 'runs: req/s (p99)'], rows),
    '',
    'The API’s server makes its requests and responses with the app’s Express prototypes already in place',
    '(`packages/api/src/listen.ts`), so Express’s per-request `Object.setPrototypeOf` has nothing to change; `app.listen`’s',
    'server, which the bare app uses as any Express app does, makes Node’s own objects and Express re-prototypes each one,',
    'which sends V8 down its slow paths on every request. The row “bare Express, served as the API” is the same bare app',
    'on a server made the API’s way (`BARE_CLASSES=express`), measured in the same rounds: not the targets’ baseline, it shows',
    `how much of the API’s lead is that server change. API ÷ that row: ${sameServing.join('; ')}.`,
  ].join('\n');
  return { title: 'API against a bare Express app', body, targets };
}

export async function runClusterSection(ctx: BenchContext): Promise<Section> {
  const rounds = ctx.smoke ? 1 : 3;
  const s = settings(ctx);
  const request: LoadRequest = { method: 'GET', path: ESTIMATE_PATH };
  ctx.log('cluster: the API on 1 and on 2 workers');
  const one = await startProcess(API_ENTRY, apiEnv(1), { logFile: join(ctx.workDir, 'api-1.log') });
  let two: RunningProcess | undefined;
  try {
    two = await startProcess(API_ENTRY, apiEnv(2), { logFile: join(ctx.workDir, 'api-2.log') });
    const twoServer = two;
    if (!ctx.smoke) for (const server of [one, twoServer]) await load(server.port, request, { ...s, duration: 2, amount: 20_000 });
    const runs = await alternate(
      ctx,
      rounds,
      () => measure(ctx, one, request),
      () => measure(ctx, twoServer, request),
    );
    const oneRps = median(runs.a.map((r) => r.rps));
    const twoRps = median(runs.b.map((r) => r.rps));
    const body = [
      `GET \`${ESTIMATE_PATH}\`, same autocannon settings as above, ${rounds} alternating rounds, medians.`,
      'The production bundle, as above. `PAYLENS_WORKERS=1` is one process; `PAYLENS_WORKERS=2` is a primary and two workers sharing the port',
      '(node:cluster, round-robin). The machine has the cores listed above, and autocannon needs one of them too.',
      '',
      table(
        ['workers', 'req/s (median)', 'p99 (median)', 'runs: req/s (p99)'],
        [
          ['1', formatCount(oneRps), formatMs(median(runs.a.map((r) => r.p99))), runCells(runs.a)],
          ['2', formatCount(twoRps), formatMs(median(runs.b.map((r) => r.p99))), runCells(runs.b)],
        ],
      ),
      '',
      `2 workers ÷ 1 worker: **${formatRatio(twoRps / oneRps)}**.`,
    ].join('\n');
    return { title: 'API on 1 and 2 workers (node:cluster)', body, targets: [] };
  } finally {
    await one.stop();
    await two?.stop();
  }
}

export async function runStartupSection(ctx: BenchContext): Promise<Section> {
  const rounds = ctx.smoke ? 1 : 7;
  ctx.log(`startup: spawn to first /healthz 200, ${rounds} alternating rounds`);
  const api: { wall: number; cpu: number }[] = [];
  const bare: { wall: number; cpu: number }[] = [];
  const once = async (entry: string, env: Record<string, string>, into: { wall: number; cpu: number }[]) => {
    const server = await startProcess(entry, env);
    into.push({ wall: server.readyMs, cpu: server.readyCpuMs });
    await server.stop();
  };
  // One of each first, untimed, so both bundles are in the file system's cache.
  if (!ctx.smoke) {
    await once(API_ENTRY, apiEnv(1), []);
    await once(BARE_ENTRY, {}, []);
  }
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      await once(API_ENTRY, apiEnv(1), api);
      await once(BARE_ENTRY, {}, bare);
    } else {
      await once(BARE_ENTRY, {}, bare);
      await once(API_ENTRY, apiEnv(1), api);
    }
  }
  const apiWall = median(api.map((x) => x.wall));
  const bareWall = median(bare.map((x) => x.wall));
  const apiCpu = median(api.map((x) => x.cpu));
  const bareCpu = median(bare.map((x) => x.cpu));
  const body = [
    'Both started as `node <launcher>`, plain node with no TypeScript loader: the API’s production build',
    '(`packages/api/build/server.mjs`, the launcher of `server.cjs`: `src/server.ts` and its dependencies bundled by esbuild',
    'into one CommonJS file, compiled with the V8 code cache that the build wrote by starting it once; built by',
    '`packages/api/scripts/build-server.mjs`, which `pnpm start` runs before starting it) and `bench/bare-app.ts` bundled',
    'by the same function with the same settings, code cache included (`bench/results/bare-app.mjs`); both are built before',
    'the first start, untimed. Polled every 5 ms; the clock runs from spawn to the first 200 from /healthz. The API loads and checks the',
    'bundled data set and builds its app before it listens. CPU is the server process’s user + system time at that moment',
    '(10 ms resolution).',
    '',
    table(
      ['server', 'wall ms (median)', 'CPU ms (median)', 'runs: wall ms'],
      [
        ['API', formatCount(apiWall), formatCount(apiCpu), api.map((x) => formatCount(x.wall)).join(', ')],
        ['bare Express', formatCount(bareWall), formatCount(bareCpu), bare.map((x) => formatCount(x.wall)).join(', ')],
      ],
    ),
  ].join('\n');
  return {
    title: 'API start-up to the first /healthz 200',
    body,
    targets: [
      {
        name: 'start-up to first /healthz 200',
        baseline: `${formatCount(bareWall)} ms`,
        measured: `${formatCount(apiWall)} ms (CPU ${formatCount(apiCpu)} vs ${formatCount(bareCpu)} ms)`,
        target: '≤ 1.5 × baseline',
        value: formatRatio(apiWall / bareWall),
        pass: apiWall / bareWall <= 1.5,
      },
    ],
  };
}
