// The bulk run of several checkouts and csv-parse alone, alternating (A B … parse, then parse … B A,
// …), each a child process running `<dir>/bench/bulk-child.ts` as the bench's bulk section does.
// Prints every run (wall ms, CPU ms of all threads, of the main thread and of the busiest other
// thread, peak RSS) and, per subject, the medians and the median of its wall-time ratios to the
// csv-parse run next to it. A checkout is any copy of the repository with its node_modules (an
// older commit: `git archive <commit> | tar -x -C <dir>`, node_modules linked, the generated data
// set copied). The answers of the first subject and of each other one are compared byte for byte
// (their first run's output files).
//   node bench/bulk-alternate.mjs [--rounds=5] [--mode=benchmark|benchmark-one-thread] <file> <name>=<dir>[:<mode>] …
// (a subject's own mode overrides --mode). Examples:
//   node bench/bulk-alternate.mjs /tmp/paylens-bench-offers-1000000.csv tip=. base=/tmp/base
//   node bench/bulk-alternate.mjs /tmp/paylens-bench-offers-1000000.csv two=. one=.:benchmark-one-thread
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const rounds = Number(args.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 5);
const mode = args.find((a) => a.startsWith('--mode='))?.slice(7) ?? 'benchmark';
const [file, ...rest] = args.filter((a) => !a.startsWith('--'));
const subjects = rest.map((a) => {
  const match = /^([^=]+)=(.+?)(?::(benchmark|benchmark-one-thread))?$/.exec(a);
  if (!match) throw new Error(`expected <name>=<dir>[:<mode>], got ${a}`);
  return { name: match[1], dir: resolve(match[2]), mode: match[3] ?? mode, runs: [], ratios: [] };
});
if (!file || subjects.length === 0) throw new Error('usage: bulk-alternate.mjs [--rounds=5] [--mode=…] <file> <name>=<dir> …');
const baseline = { name: 'csv-parse', dir: subjects[0].dir, runs: [] };
const outDir = mkdtempSync(join(tmpdir(), 'paylens-bulk-alternate-'));

function run(subject, kind, out) {
  const argv = ['--import', 'tsx', join(subject.dir, 'bench/bulk-child.ts'), kind, file, ...(out ? [out] : [])];
  const line = execFileSync(process.execPath, argv, { cwd: subject.dir, encoding: 'utf8' }).trim().split('\n').at(-1);
  return JSON.parse(line);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const show = (r) =>
  `wall ${Math.round(r.ms)} ms, CPU ${Math.round(r.cpuMs)} ms (main ${r.mainThreadCpuMs}, other ${r.otherThreadCpuMs}), RSS ${r.peakRssMb.toFixed(0)} MB`;

for (let round = 0; round < rounds; round++) {
  const order = [...subjects, baseline];
  if (round % 2 === 1) order.reverse();
  const walls = new Map();
  for (const subject of order) {
    const out = subject === baseline ? undefined : join(outDir, `${subject.name}-${round === 0 ? 'first' : 'last'}.csv`);
    const result = run(subject, subject === baseline ? 'parse' : subject.mode, out);
    subject.runs.push(result);
    walls.set(subject, result.ms);
    console.log(`round ${round + 1} ${subject.name}: ${show(result)}`);
  }
  for (const subject of subjects) subject.ratios.push(walls.get(subject) / walls.get(baseline));
}

console.log(`\nmedians of ${rounds} rounds (${file}):`);
for (const subject of [...subjects, baseline]) {
  const m = (key) => median(subject.runs.map((r) => r[key]));
  const ratio = subject.ratios
    ? `; wall ÷ csv-parse's ${median(subject.ratios).toFixed(2)} (${subject.ratios.map((r) => r.toFixed(2)).join(', ')})`
    : '';
  console.log(
    `${subject.name}${subject.mode ? ` (${subject.mode})` : ''}: wall ${Math.round(m('ms'))} ms, CPU ${Math.round(m('cpuMs'))} ms, main ${m('mainThreadCpuMs')} ms, other ${m('otherThreadCpuMs')} ms, RSS ${m('peakRssMb').toFixed(0)} MB (max ${Math.max(...subject.runs.map((r) => r.peakRssMb)).toFixed(0)})${ratio}`,
  );
}
const first = readFileSync(join(outDir, `${subjects[0].name}-first.csv`));
for (const subject of subjects.slice(1)) {
  const same = first.equals(readFileSync(join(outDir, `${subject.name}-first.csv`)));
  console.log(`answer of ${subject.name} ${same ? 'is byte for byte' : 'DIFFERS from'} that of ${subjects[0].name}`);
}
rmSync(outDir, { recursive: true, force: true });
