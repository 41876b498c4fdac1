// Start-up of several servers, alternating (A B C D, then D C B A, …), as the bench's startup
// section starts them: spawn `node <file>`, poll /healthz every 5 ms, stop at the first 200. Prints
// the medians of wall time and of CPU at that moment, from /proc/<pid>/stat (10 ms resolution, as
// the bench) and from each thread's /proc/<pid>/task/<tid>/schedstat (nanoseconds), and the ratio
// of each pair (first/second, third/fourth, …). Any bundle can be compared: an older build copied
// aside, a variant built by hand.
//   node bench/startup-alternate.mjs [--rounds=15] [--until=listening] <name>=<api|bare>:<file> …
// With --until=listening, each server instead exits as soon as it listens (a preload wraps
// net.Server#listen and reports the CPU of all its threads from schedstat at that moment): no
// polling client competes for the cores, so many more rounds fit in the same time.
// `api` starts it with the bench's API environment (production, one worker, no rate limit in the
// way); `bare` with none. Example, the current builds:
//   node bench/startup-alternate.mjs api=api:packages/api/build/server.mjs bare=bare:bench/results/bare-app.mjs
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const rounds = Number(args.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 15);
const untilListening = args.includes('--until=listening');
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

const work = mkdtempSync(join(tmpdir(), 'paylens-startup-'));
const preload = join(work, 'report-at-listening.cjs');
writeFileSync(
  preload,
  `const fs = require('node:fs');
const net = require('node:net');
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  this.once('listening', () => {
    let ns = 0;
    for (const t of fs.readdirSync('/proc/self/task')) ns += Number(fs.readFileSync('/proc/self/task/' + t + '/schedstat', 'utf8').split(' ')[0]);
    fs.writeFileSync(process.env.STARTUP_REPORT, String(ns / 1e6));
    process.exit(0);
  });
  return listen.apply(this, args);
};
`,
);

/** Starts a server that exits as it listens; the CPU it had used by then (schedstat, all threads). */
async function startUntilListening(subject) {
  const report = join(work, 'report');
  rmSync(report, { force: true });
  const started = performance.now();
  const child = spawn(process.execPath, ['-r', preload, subject.file], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', ...(subject.kind === 'api' ? apiEnv : {}), PORT: '0', STARTUP_REPORT: report },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const code = await new Promise((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`${subject.file} exited with ${code} before listening`);
  return { wallMs: performance.now() - started, procMs: Number.NaN, schedMs: Number(readFileSync(report, 'utf8')) };
}

async function startOnce(subject) {
  if (untilListening) return startUntilListening(subject);
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

rmSync(work, { recursive: true, force: true });

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
};
const medians = subjects.map((s) => ({
  wallMs: median(s.runs.map((x) => x.wallMs)),
  procMs: median(s.runs.map((x) => x.procMs)),
  schedMs: median(s.runs.map((x) => x.schedMs)),
}));
console.log(`${rounds} alternating rounds; medians${untilListening ? ' (until listening: wall to exit, CPU at listening)' : ''}`);
subjects.forEach((s, i) => {
  const m = medians[i];
  console.log(
    `${s.name.padEnd(12)} wall ${m.wallMs.toFixed(0).padStart(5)} ms   CPU /proc ${(untilListening ? '-' : String(m.procMs)).padStart(4)} ms   CPU schedstat ${m.schedMs.toFixed(1).padStart(6)} ms`,
  );
});
for (let i = 0; i + 1 < subjects.length; i += 2) {
  const a = medians[i];
  const b = medians[i + 1];
  console.log(
    `${subjects[i].name} / ${subjects[i + 1].name}: wall ${(a.wallMs / b.wallMs).toFixed(2)}   CPU /proc ${untilListening ? '-' : (a.procMs / b.procMs).toFixed(2)}   CPU schedstat ${(a.schedMs / b.schedMs).toFixed(2)}`,
  );
}
