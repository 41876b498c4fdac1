// Bulk: a CSV of offers through the streaming benchmark to CSV out, against csv-parse alone
// reading the same file. Each run is a child process, so time and peak RSS are its own.
import { once } from 'node:events';
import { createWriteStream, existsSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRandom } from '../lib/profiles.js';
import { type BenchContext, type Section, table } from '../lib/report.js';
import { runNode } from '../lib/server-process.js';
import { formatCount, formatRatio, median } from '../lib/stats.js';

const LEVELS = ['entry', 'mid', 'senior', 'manager', '', ''];
const REGIONS = ['us', 'us-ca-san-francisco', 'us-ny-new-york', 'us-tx-houston', 'us-wa', 'us-ma-boston', 'us-oh-columbus', 'us-fl', ''];
const SKILLS = [
  'dicom',
  'dicom;hl7',
  'dicom;hl7;troubleshooting',
  '',
  'hl7;cybersecurity',
  'leadership;budgeting;team-building;decision-making',
];

/**
 * Writes a CSV of `rows` offers (once; reused while its size matches): 1,000 distinct profiles
 * cycling with bases varying per row, as a recruiter's export would, one row in a thousand bad.
 */
async function offersFile(ctx: BenchContext, rows: number): Promise<string> {
  const file = join(tmpdir(), `paylens-bench-offers-${rows}.csv`);
  if (existsSync(file) && statSync(file).size > rows * 20) return file;
  ctx.log(`bulk: writing ${formatCount(rows)} rows to ${file}`);
  const random = createRandom(7);
  const profiles: string[] = [];
  for (let i = 0; i < 1_000; i++) {
    const level = LEVELS[i % LEVELS.length] as string;
    const years = level === 'manager' ? 5 + (i % 15) : level === '' ? i % 25 : '';
    const region = REGIONS[Math.floor(random() * REGIONS.length)] as string;
    const skills = level === 'manager' ? (SKILLS[5] as string) : (SKILLS[Math.floor(random() * 5)] as string);
    const education = random() < 0.3 ? 'bachelors' : '';
    profiles.push(`pacs-administrator,${level},${years},${region},${education},${skills},`);
  }
  const partial = `${file}.partial`;
  const out = createWriteStream(partial);
  let chunk = 'base,bonus,role,level,yearsExperience,region,education,skills,asOf\n';
  for (let i = 0; i < rows; i++) {
    const base = i % 1000 === 999 ? 'n/a' : String(40_000 + Math.round(random() * 1_600) * 100);
    const bonus = random() < 0.3 ? String(Math.round(random() * 50) * 100) : '';
    chunk += `${base},${bonus},${profiles[i % profiles.length]}\n`;
    if (chunk.length > 65_536) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  renameSync(partial, file);
  return file;
}

interface BulkRun {
  readonly ms: number;
  /** User + system time of the process, every thread. */
  readonly cpuMs: number;
  /** User + system time of the main thread alone (null without /proc). */
  readonly mainThreadCpuMs: number | null;
  /** User + system time of the busiest other thread (the parser's worker, when there is one; null without /proc). */
  readonly otherThreadCpuMs: number | null;
  readonly rows: number;
  readonly peakRssMb: number;
}

async function child(args: readonly string[]): Promise<BulkRun> {
  const result = await runNode(['bench/bulk-child.ts', ...args]);
  if (result.status !== 0) throw new Error(`bench/bulk-child.ts ${args.join(' ')}: ${result.stderr}`);
  return JSON.parse(result.stdout) as BulkRun;
}

export async function runBulkSection(ctx: BenchContext): Promise<Section> {
  const rows = ctx.smoke ? 2_000 : 1_000_000;
  const rounds = ctx.smoke ? 1 : 3;
  const file = await offersFile(ctx, rows);
  const out = join(ctx.workDir, 'bulk-results.csv');
  const parse: BulkRun[] = [];
  const bench: BulkRun[] = [];
  const oneThread: BulkRun[] = [];
  for (let r = 0; r < rounds; r++) {
    ctx.log(`bulk: round ${r + 1}/${rounds}`);
    if (r % 2 === 0) {
      parse.push(await child(['parse', file]));
      bench.push(await child(['benchmark', file, out]));
      oneThread.push(await child(['benchmark-one-thread', file, out]));
    } else {
      oneThread.push(await child(['benchmark-one-thread', file, out]));
      bench.push(await child(['benchmark', file, out]));
      parse.push(await child(['parse', file]));
    }
  }
  for (const run of [...parse, ...bench, ...oneThread])
    if (run.rows !== rows) throw new Error(`expected ${rows} rows, a run counted ${run.rows}`);
  const parseMs = median(parse.map((x) => x.ms));
  const benchMs = median(bench.map((x) => x.ms));
  const peak = Math.max(...bench.map((x) => x.peakRssMb));
  const line = (name: string, runs: readonly BulkRun[]) => {
    const ms = median(runs.map((x) => x.ms));
    return [
      name,
      (ms / 1000).toFixed(2),
      (median(runs.map((x) => x.cpuMs)) / 1000).toFixed(2),
      runs.every((x) => x.mainThreadCpuMs !== null) ? (median(runs.map((x) => x.mainThreadCpuMs as number)) / 1000).toFixed(2) : '—',
      runs.every((x) => x.otherThreadCpuMs !== null) ? (median(runs.map((x) => x.otherThreadCpuMs as number)) / 1000).toFixed(2) : '—',
      formatCount(rows / (ms / 1000)),
      `${formatCount(Math.max(...runs.map((x) => x.peakRssMb)))} MB`,
      runs.map((x) => `${(x.ms / 1000).toFixed(2)} (CPU ${(x.cpuMs / 1000).toFixed(2)}, ${formatCount(x.peakRssMb)} MB)`).join(', '),
    ];
  };
  const body = [
    `${formatCount(rows)} data rows (${formatCount(statSync(file).size / 1e6)} MB): 1,000 distinct profiles cycling, base and bonus varying,`,
    'one row in a thousand with a bad base (an error row, not a stop). The benchmark run reads the file as a stream,',
    'benchmarks every row and writes the CSV answer to a file, as `paylens benchmark in.csv -o out.csv` does: the file is',
    'parsed on a worker thread (d3-dsv for plain lines, csv-parse for the rest) while the main thread benchmarks and writes (two cores). The one-thread run is',
    `the same with the parser in the main thread. The baseline is csv-parse with its default options reading the same file. ${rounds}`,
    'alternating rounds, each run a process of its own (time from opening the file to the last byte written, data set',
    'load included); medians. CPU is the process’s user + system time, all threads: with the worker it can exceed the',
    'wall time; main-thread CPU is that thread’s alone (/proc), what the worker cannot take over; the busiest other thread is the parser’s worker in the two-thread run (a V8 helper thread in the others), sampled from /proc every 50 ms. Peak RSS is the process’s maxRSS (the table’s: the highest of the runs). The target compares wall time, the two-thread run with the baseline.',
    '',
    table(
      [
        'run',
        'seconds (median)',
        'CPU seconds (median)',
        'main-thread CPU s (median)',
        'busiest other thread CPU s (median)',
        'rows / s',
        'peak RSS',
        'runs: seconds (CPU, peak RSS)',
      ],
      [
        line('streaming benchmark, CSV → CSV (parser on a worker thread)', bench),
        line('streaming benchmark, CSV → CSV (one thread)', oneThread),
        line('csv-parse alone', parse),
      ],
    ),
  ].join('\n');
  return {
    title: `Bulk: ${formatCount(rows)} offers, CSV in → CSV out`,
    body,
    targets: [
      {
        name: `bulk ${formatCount(rows)} rows, time`,
        baseline: `${(parseMs / 1000).toFixed(2)} s (csv-parse alone)`,
        measured: `${(benchMs / 1000).toFixed(2)} s (CPU ${(median(bench.map((x) => x.cpuMs)) / 1000).toFixed(2)} s, two threads)`,
        target: '≤ 1.5 × baseline',
        value: formatRatio(benchMs / parseMs),
        pass: benchMs / parseMs <= 1.5,
      },
      {
        name: `bulk ${formatCount(rows)} rows, peak RSS`,
        baseline: '—',
        measured: `${formatCount(peak)} MB`,
        target: '≤ 200 MB',
        value: `${formatCount(peak)} MB`,
        pass: peak <= 200,
      },
    ],
  };
}
