// Start-up of several servers, alternating (A B C D, then D C B A, …), as the bench's startup
// section starts them: spawn `node <file>`, poll /healthz every 5 ms, stop at the first 200. Prints
// the medians of wall time and of CPU at that moment, from /proc/<pid>/stat (10 ms resolution, as
// the bench) and from each thread's /proc/<pid>/task/<tid>/schedstat (nanoseconds), and the ratio
// of each pair (first/second, third/fourth, …). Any bundle can be compared: an older build copied
// aside, a variant built by hand.
//   node bench/startup-alternate.mjs [--rounds=15] <name>=<api|bare>:<file> …
// `api` starts it with the bench's API environment (production, one worker, no rate limit in the
// way); `bare` with none. Example, the current builds:
//   node bench/startup-alternate.mjs api=api:packages/api/build/server.mjs bare=bare:bench/results/bare-app.mjs
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const rounds = Number(args.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 15);
const subjects = args
  .filter((a) => !a.startsWith('--'))
  .map((a) => {
    const match = /^([^=]+)=(api|bare):(.+)$/.exec(a);
    if (!match) throw new Error(`expected <name>=<api|bare>:<file>, got ${a}`);
    return { name: match[1], kind: match[2], file: match[3], runs: [] };
  });
if (subjects.length === 0) throw new Error('nothing to start: give <name>=<api|bare>:<file> arguments');

const apiEnv = { NODE_ENV: 'production', PAYLENS_WORKERS: '1', RATE_LIMIT_MAX: '1000000000', LOG_LEVEL: 'info' };

function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function healthStatus(port) {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/healthz', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', () => resolve(0));
    req.end();
  });
}

/** CPU used so far by a process: /proc ticks (ms) and the sum of its threads' schedstat (ms). */
function cpuOf(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  let ns = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // the thread ended meanwhile
    }
  }
  return { procMs: (Number(fields[11]) + Number(fields[12])) * 10, schedMs: ns / 1e6 };
}

async function startOnce(subject) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [subject.file], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', ...(subject.kind === 'api' ? apiEnv : {}), PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  while ((await healthStatus(port)) !== 200) {
    if (child.exitCode !== null) throw new Error(`${subject.file} exited before answering /healthz`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const wallMs = performance.now() - started;
  const cpu = cpuOf(child.pid);
  child.kill('SIGTERM');
  await exited;
  return { wallMs, ...cpu };
}

// One untimed start of each first, so every file is in the file system's cache.
for (const subject of subjects) await startOnce(subject);
for (let r = 0; r < rounds; r++) {
  const order = r % 2 === 0 ? subjects : [...subjects].reverse();
  for (const subject of order) subject.runs.push(await startOnce(subject));
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
};
const medians = subjects.map((s) => ({
  wallMs: median(s.runs.map((x) => x.wallMs)),
  procMs: median(s.runs.map((x) => x.procMs)),
  schedMs: median(s.runs.map((x) => x.schedMs)),
}));
console.log(`${rounds} alternating rounds; medians`);
subjects.forEach((s, i) => {
  const m = medians[i];
  console.log(
    `${s.name.padEnd(12)} wall ${m.wallMs.toFixed(0).padStart(5)} ms   CPU /proc ${String(m.procMs).padStart(4)} ms   CPU schedstat ${m.schedMs.toFixed(1).padStart(6)} ms`,
  );
});
for (let i = 0; i + 1 < subjects.length; i += 2) {
  const a = medians[i];
  const b = medians[i + 1];
  console.log(
    `${subjects[i].name} / ${subjects[i + 1].name}: wall ${(a.wallMs / b.wallMs).toFixed(2)}   CPU /proc ${(a.procMs / b.procMs).toFixed(2)}   CPU schedstat ${(a.schedMs / b.schedMs).toFixed(2)}`,
  );
}
