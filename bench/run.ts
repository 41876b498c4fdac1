// `pnpm bench`: every benchmark with its baseline in the same run; writes bench/RESULTS.md.
//   --smoke         tiny sizes: checks that everything runs (CI); figures mean nothing
//   --only=a,b      sections: core, api, cluster, startup, bulk (default: all)
//   --out=<file>    where to write the results (default: bench/RESULTS.md; with --smoke, bench/results/SMOKE.md)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { type BenchContext, type Section, table } from './lib/report.js';
import { ROOT } from './lib/server-process.js';
import { runBulkSection } from './sections/bulk.js';
import { runCoreSection } from './sections/core.js';
import { runApiSection, runClusterSection, runStartupSection } from './sections/http.js';

const SECTIONS = ['core', 'api', 'cluster', 'startup', 'bulk'] as const;
const BEGIN = '<!-- pnpm bench: begin (written by bench/run.ts; edit bench/NOTES.md, not this block) -->';
const END = '<!-- pnpm bench: end -->';

/** The results file with this run's block in place of the last one; the rest (other benchmarks' sections) kept. */
function withBlock(existing: string, block: string): string {
  const begin = existing.indexOf(BEGIN);
  const end = existing.indexOf(END);
  if (begin >= 0 && end > begin) return `${existing.slice(0, begin)}${block}${existing.slice(end + END.length)}`;
  if (existing.trim() === '') return `# Benchmark results\n\n${block}\n`;
  const [title, ...rest] = existing.split('\n');
  return title?.startsWith('# ') ? [title, '', block, '', ...rest].join('\n') : `${block}\n\n${existing}`;
}
type SectionName = (typeof SECTIONS)[number];

const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const smoke = args.includes('--smoke');
const only = (option('only')?.split(',') ?? [...SECTIONS]) as SectionName[];
for (const name of only) if (!SECTIONS.includes(name)) throw new Error(`unknown section '${name}'; sections: ${SECTIONS.join(', ')}`);
const workDir = join(ROOT, 'bench', 'results');
mkdirSync(workDir, { recursive: true });
const out = resolve(option('out') ?? (smoke ? join(workDir, 'SMOKE.md') : join(ROOT, 'bench', 'RESULTS.md')));

const ctx: BenchContext = { smoke, workDir, log: (line) => process.stderr.write(`bench: ${line}\n`) };
const started = new Date();
const load = loadavg().map((x) => x.toFixed(2));

const runners: Record<SectionName, () => Section | Promise<Section>> = {
  core: () => runCoreSection(ctx),
  api: () => runApiSection(ctx),
  cluster: () => runClusterSection(ctx),
  startup: () => runStartupSection(ctx),
  bulk: () => runBulkSection(ctx),
};
// A smoke run only checks that each section runs: they go side by side, to keep it short.
const sections: Section[] = smoke
  ? await Promise.all(only.map((name) => runners[name]()))
  : await only.reduce<Promise<Section[]>>(async (done, name) => [...(await done), await runners[name]()], Promise.resolve([]));

const notesFile = join(ROOT, 'bench', 'NOTES.md');
const notes = smoke ? '' : readFileSync(notesFile, 'utf8');
const targets = sections.flatMap((s) => s.targets);
const cpu = cpus();
const minutes = ((Date.now() - started.getTime()) / 60_000).toFixed(1);
const block = [
  BEGIN,
  '## `pnpm bench`: every target against its baseline, in one run',
  '',
  smoke ? '**Smoke run (`--smoke`): tiny sizes, to check that the benchmarks run. The figures mean nothing.**\n' : '',
  `- Command: \`${['pnpm bench', ...args].join(' ')}\` (\`tsx bench/run.ts\`), ${minutes} min`,
  `- Date: ${started.toISOString()}`,
  `- Machine: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB; load average at start ${load.join(', ')}, at end ${loadavg()
    .map((x) => x.toFixed(2))
    .join(', ')}`,
  `- Node ${process.version}, ${process.platform}/${process.arch}`,
  '- Every ratio compares figures measured in the same run; the machine is shared, so each figure is a median of',
  '  several runs, alternating the order of subject and baseline.',
  '',
  '### Targets',
  '',
  table(
    ['target', 'baseline (same run)', 'measured', 'rule', 'value', 'status'],
    targets.map((t) => [t.name, t.baseline, t.measured, t.target, t.value, t.pass ? '**PASS**' : '**FAIL**']),
  ),
  '',
  ...sections.flatMap((s) => [`### ${s.title}`, '', s.body, '']),
  notes.trimEnd(),
  END,
].join('\n');
writeFileSync(out, withBlock(existsSync(out) ? readFileSync(out, 'utf8') : '', block));
ctx.log(`wrote ${relative(process.cwd(), out)}: ${targets.filter((t) => t.pass).length}/${targets.length} targets met`);
