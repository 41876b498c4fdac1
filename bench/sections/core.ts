// Core calls per second: bench/core.ts in a child process of its own (one process, one core).
import type { CoreFigure } from '../core.js';
import { type BenchContext, type Section, table } from '../lib/report.js';
import { runNode } from '../lib/server-process.js';
import { formatCount } from '../lib/stats.js';

const TARGET = 1_000_000;

export async function runCoreSection(ctx: BenchContext): Promise<Section> {
  ctx.log('core: estimateSalary and benchmarkOffer calls/s');
  const child = await runNode(['bench/core.ts', ...(ctx.smoke ? ['--smoke'] : [])]);
  if (child.status !== 0) throw new Error(`bench/core.ts failed: ${child.stderr}`);
  const { figures, runs, runMs } = JSON.parse(child.stdout) as { figures: CoreFigure[]; runs: number; runMs: number };
  const rows = figures.map((f) => [f.name, formatCount(f.cpu), formatCount(f.wall), f.runs.map((r) => formatCount(r.cpu)).join(', ')]);
  const body = [
    `Each figure is the median of ${runs} runs of ${runMs} ms after a warm-up run, in one process. Calls per CPU-second`,
    '(this process’s user + system time) is what one core does whatever else the machine runs; calls per wall-clock',
    'second also counts the time other processes held the CPU. Queries are built before the clock starts.',
    '',
    table(['workload', 'calls / CPU-s (median)', 'calls / wall-s (median)', 'runs, calls / CPU-s'], rows),
  ].join('\n');
  const targets = figures
    .filter((f) => f.name.includes('warm'))
    .map((f) => ({
      name: `${f.name.split(',')[0]} calls/s (warm mix)`,
      baseline: '—',
      measured: `${formatCount(f.cpu)} / CPU-s (${formatCount(f.wall)} / wall-s)`,
      target: '≥ 1,000,000 / s',
      value: formatCount(f.cpu),
      pass: f.cpu >= TARGET,
    }));
  for (const f of figures.filter((x) => x.name.includes('cold'))) {
    targets.push({
      name: `${f.name.split(',')[0]} calls/s (cold: every query new)`,
      baseline: '—',
      measured: `${formatCount(f.cpu)} / CPU-s (${formatCount(f.wall)} / wall-s)`,
      target: '≥ 1,000,000 / s',
      value: formatCount(f.cpu),
      pass: f.cpu >= TARGET,
    });
  }
  return { title: 'Core: calls per second, one core', body, targets };
}
