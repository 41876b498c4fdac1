// The request log's cost in the real server: the API bundle (build it first: `pnpm build:server`)
// started as in the bench (production, one worker, no request refused) with LOG_LEVEL=info (a line
// per request, to a file) and with LOG_LEVEL=warn (no request lines), alternating, 4 rounds each;
// autocannon (10 connections, 2 s warm-up, 5 s measured) on 127.0.0.1; server CPU per request from
// /proc (user + system, every thread).  Usage: node bench/log-cost.mjs [--rounds=4]
// With --builds=DIR_A,DIR_B (two server builds, e.g. a variant of server.ts built and copied to
// packages/api/build-b; paths relative to packages/api so the bundles find the web page), both log
// at LOG_LEVEL=info and the two builds alternate instead: how the NOTES compared a synchronous log
// destination with the asynchronous one.
import { spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const ROOT = join(import.meta.dirname, '..');
const PATH = '/v1/estimates?level=mid&region=us-ca-san-francisco&skills=dicom,hl7&yearsExperience=4';
const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '4' }, builds: { type: 'string' } } });
const rounds = Number(args.rounds);
const builds = args.builds?.split(',');
if (builds && builds.length !== 2) throw new Error('--builds takes two build directories, comma-separated');
/** The two servers compared: LOG_LEVEL info against warn on the build, or two builds logging at info. */
const variants = builds
  ? builds.map((dir) => ({ name: dir, entry: join(ROOT, 'packages/api', dir, 'server.mjs'), level: 'info' }))
  : ['info', 'warn'].map((level) => ({ name: level, entry: join(ROOT, 'packages/api/build/server.mjs'), level }));

/** CPU ms of a process so far (clock ticks of 10 ms). */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function measure({ entry, level }, port) {
  const out = openSync(join(tmpdir(), `paylens-log-cost-${port}.log`), 'w');
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    PAYLENS_WORKERS: '1',
    RATE_LIMIT_MAX: '1000000000',
    LOG_LEVEL: level,
    PORT: String(port),
    HOST: '127.0.0.1',
  };
  const server = spawn('node', [entry], { env, stdio: ['ignore', out, 'inherit'] });
  try {
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const url = `http://127.0.0.1:${port}${PATH}`;
    await autocannon({ url, connections: 10, duration: 2 });
    const before = cpuMs(server.pid);
    const run = await autocannon({ url, connections: 10, duration: 5 });
    return { rps: run.requests.average, usPerRequest: ((cpuMs(server.pid) - before) * 1000) / run.requests.total };
  } finally {
    server.kill('SIGTERM');
  }
}

const results = variants.map(() => []);
for (let i = 0; i < rounds; i++) {
  for (const v of i % 2 ? [1, 0] : [0, 1]) {
    const r = await measure(variants[v], 4100 + 2 * i + v);
    results[v].push(r);
    console.log(`${variants[v].name}: ${Math.round(r.rps)} req/s, ${r.usPerRequest.toFixed(0)} µs server CPU / request`);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [k, v] of variants.entries()) {
  console.log(`${v.name} median: ${median(results[k].map((r) => r.usPerRequest)).toFixed(0)} µs / request`);
}
