// Load and soak test of the real server process (`pnpm test:load`; not part of CI):
//   1. load: LOAD_SECONDS (60) at LOAD_CONNECTIONS (100) on 127.0.0.1 — zero errors, zero non-2xx;
//   2. soak: SOAK_SECONDS (300) at SOAK_CONNECTIONS (20), resident memory sampled every 5 s from
//      /proc — growth after the WARMUP_SECONDS (60) warm-up must stay under 10%;
//   3. the server's own log lines must hold no pay figure from any request.
// Figures go to stdout and bench/results/load-soak.json.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const num = (name, fallback) => Number(process.env[name] ?? fallback);
const LOAD_SECONDS = num('LOAD_SECONDS', 60);
const LOAD_CONNECTIONS = num('LOAD_CONNECTIONS', 100);
const SOAK_SECONDS = num('SOAK_SECONDS', 300);
const SOAK_CONNECTIONS = num('SOAK_CONNECTIONS', 20);
const WARMUP_SECONDS = num('WARMUP_SECONDS', 60);

// Distinctive amounts, so a leak into the logs cannot hide among timestamps.
const AMOUNTS = [91_357, 104_683, 67_919, 158_231, 3_917];
const json = { 'content-type': 'application/json' };
const requests = [
  { method: 'GET', path: '/v1/estimates?level=mid&region=us-ca-san-francisco&skills=dicom,hl7' },
  { method: 'POST', path: '/v1/estimates', headers: json, body: JSON.stringify({ yearsExperience: 6, region: 'us-ny-new-york' }) },
  {
    method: 'POST',
    path: '/v1/offers/benchmark',
    headers: json,
    body: JSON.stringify({ level: 'mid', region: 'us-tx-houston', offer: { base: AMOUNTS[0], bonus: AMOUNTS[4] } }),
  },
  { method: 'POST', path: '/v1/offers/benchmark', headers: json, body: JSON.stringify({ level: 'senior', offer: { base: AMOUNTS[1] } }) },
  { method: 'GET', path: '/v1/regions?kind=state' },
  { method: 'GET', path: '/v1/roles/pacs-administrator' },
  {
    method: 'POST',
    path: '/v1/offers/benchmark/batch',
    headers: json,
    body: JSON.stringify({
      offers: [
        { base: AMOUNTS[2], level: 'entry' },
        { base: AMOUNTS[3], level: 'manager', yearsExperience: 8 },
      ],
    }),
  },
];

function startServer() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/api/src/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', RATE_LIMIT_MAX: '100000000', RATE_LIMIT_WINDOW_MS: '1000', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Every log line is searched for the amounts as it arrives, once the fields that are numbers by
  // nature (time, pid, duration) and the request id are set aside; only the first lines are kept.
  const log = { head: '', partial: '', bytes: 0, lines: 0, leaked: new Set() };
  const needles = AMOUNTS.flatMap((a) => [String(a), a.toLocaleString('en-US')]);
  const port = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not start within 30 s')), 30_000);
    child.stdout.on('data', (d) => {
      log.bytes += d.length;
      const lines = (log.partial + d).split('\n');
      log.partial = lines.pop() ?? '';
      for (const line of lines) {
        log.lines++;
        let rest = line;
        try {
          const { time: _t, pid: _p, hostname: _h, durationMs: _d, reqId: _r, ...fields } = JSON.parse(line);
          rest = JSON.stringify(fields);
        } catch {}
        for (const needle of needles) if (rest.includes(needle)) log.leaked.add(needle);
      }
      if (log.head.length < 10_000) log.head += d;
      const match = /"port":(\d+)/.exec(log.head);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
  return { child, port, log };
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
}

function run(options) {
  return new Promise((resolve, reject) => {
    autocannon({ ...options, requests }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

const summary = (r) => ({
  connections: r.connections,
  seconds: r.duration,
  requests: r.requests.total,
  requestsPerSecond: Math.round(r.requests.average),
  latencyMs: { p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max },
  errors: r.errors,
  timeouts: r.timeouts,
  non2xx: r.non2xx,
});

const { child, port: portPromise, log } = startServer();
try {
  const port = await portPromise;
  const url = `http://127.0.0.1:${port}`;
  console.log(`server pid ${child.pid} on ${url}; ${cpus().length} CPUs; node ${process.version}`);

  console.log(`load: ${LOAD_SECONDS} s at ${LOAD_CONNECTIONS} connections…`);
  const load = summary(await run({ url, connections: LOAD_CONNECTIONS, duration: LOAD_SECONDS }));
  console.log(JSON.stringify(load));

  console.log(`soak: ${SOAK_SECONDS} s at ${SOAK_CONNECTIONS} connections, RSS every 5 s…`);
  const samples = [];
  const started = Date.now();
  const sampler = setInterval(() => samples.push({ s: Math.round((Date.now() - started) / 1000), rssMb: rssMb(child.pid) }), 5_000);
  const soakResult = await run({ url, connections: SOAK_CONNECTIONS, duration: SOAK_SECONDS });
  clearInterval(sampler);
  const soak = summary(soakResult);
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
  const warm = median(samples.filter((x) => x.s >= WARMUP_SECONDS && x.s < WARMUP_SECONDS + 20).map((x) => x.rssMb));
  const end = median(samples.slice(-4).map((x) => x.rssMb));
  const peak = Math.max(...samples.map((x) => x.rssMb));
  const growthPercent = ((end - warm) / warm) * 100;
  const memory = {
    afterWarmupMb: +warm.toFixed(1),
    endMb: +end.toFixed(1),
    peakMb: +peak.toFixed(1),
    growthPercent: +growthPercent.toFixed(2),
  };
  console.log(JSON.stringify({ ...soak, memory }));

  const leaked = [...log.leaked];
  console.log(`server log: ${(log.bytes / 1e6).toFixed(1)} MB (${log.lines} lines) searched for ${AMOUNTS.length} amounts`);
  const failures = [
    ...(load.errors + load.timeouts + load.non2xx > 0
      ? [`load: ${load.errors} errors, ${load.timeouts} timeouts, ${load.non2xx} non-2xx`]
      : []),
    ...(soak.errors + soak.timeouts + soak.non2xx > 0
      ? [`soak: ${soak.errors} errors, ${soak.timeouts} timeouts, ${soak.non2xx} non-2xx`]
      : []),
    ...(growthPercent >= 10 ? [`soak: RSS grew ${growthPercent.toFixed(1)}% after warm-up`] : []),
    ...(leaked.length > 0 ? [`logs hold amounts from the requests: ${leaked.join(', ')}`] : []),
  ];
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    load,
    soak: { ...soak, memory, samples },
    logBytesSearched: log.bytes,
    failures,
  };
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/results/load-soak.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(failures.length === 0 ? 'load and soak: all good' : `load and soak FAILED:\n  ${failures.join('\n  ')}`);
  process.exitCode = failures.length === 0 ? 0 : 1;
} finally {
  child.kill('SIGTERM');
}
