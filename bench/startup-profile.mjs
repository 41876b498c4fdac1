// Where a bundled server's start-up CPU goes, by original source file: runs `node --cpu-prof` on
// a launcher built by bundleNodeApp (or any bundle with a linked source map) until it listens
// (a preload exits there), maps each sample's position in the bundle back through the source map,
// and prints the self time per package (node_modules) or workspace file, largest first. Repeats
// the start `--runs` times and sums the samples. V8's own work that no JavaScript line owns
// (garbage collection, the program, compiling) is printed under its profile name in parentheses.
//   node bench/startup-profile.mjs [--runs=5] [--interval=100] [--top=30] [--internals] <api|bare>:<launcher or bundle>
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// source-map-js is in the workspace through vitest (vite), not a dependency of its own.
const requireFromVite = createRequire(createRequire(join(root, 'package.json')).resolve('vitest/package.json'));
const { SourceMapConsumer } = createRequire(requireFromVite.resolve('vite/package.json'))('source-map-js');

const args = process.argv.slice(2);
const option = (name, fallback) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const runs = option('runs', 5);
const interval = option('interval', 100);
const top = option('top', 30);
const target = args.find((a) => !a.startsWith('--'));
// --internals: Node's own modules one by one instead of together.
const internals = args.includes('--internals');
const match = /^(api|bare):(.+)$/.exec(target ?? '');
if (!match) throw new Error('expected <api|bare>:<launcher or bundle>');
const launcher = resolve(match[2]);
const bundle = launcher.replace(/\.mjs$/, '.cjs');
const bundleUrl = `file://${bundle}`;
const map = new SourceMapConsumer(JSON.parse(readFileSync(`${bundle}.map`, 'utf8')));
const env = {
  ...process.env,
  PORT: '0',
  HOST: '127.0.0.1',
  ...(match[1] === 'api' ? { NODE_ENV: 'production', PAYLENS_WORKERS: '1', RATE_LIMIT_MAX: '1000000000', LOG_LEVEL: 'info' } : {}),
};

const work = mkdtempSync(join(tmpdir(), 'paylens-profile-'));
const preload = join(work, 'exit-at-listen.cjs');
writeFileSync(
  preload,
  `const net = require('node:net');
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  this.once('listening', () => process.exit(0));
  return listen.apply(this, args);
};
`,
);

/** Self time (µs) by source: a package name, a workspace file, or a V8 entry such as (garbage collector). */
const totals = new Map();
let all = 0;
const sourceOf = (frame) => {
  if (frame.url !== bundleUrl)
    return frame.url === ''
      ? `(${frame.functionName || 'native'})`
      : internals
        ? frame.url
        : frame.url.replace(/^node:.*/, '(node internals)');
  const pos = map.originalPositionFor({ line: frame.lineNumber + 1, column: frame.columnNumber });
  if (!pos.source) return '(bundle, unmapped)';
  const path = resolve(dirname(bundle), pos.source);
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(path);
  return pkg ? pkg[1] : relative(root, path);
};
for (let run = 0; run < runs; run++) {
  const dir = join(work, `run-${run}`);
  const result = spawnSync(
    process.execPath,
    ['--cpu-prof', `--cpu-prof-interval=${interval}`, `--cpu-prof-dir=${dir}`, '-r', preload, launcher],
    {
      cwd: root,
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (result.status !== 0) throw new Error(`${launcher} exited with ${result.status}`);
  for (const name of readdirSync(dir)) {
    const profile = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    for (let i = 0; i < profile.samples.length; i++) {
      const node = byId.get(profile.samples[i]);
      const source = sourceOf(node.callFrame);
      const us = profile.timeDeltas[i] ?? 0;
      totals.set(source, (totals.get(source) ?? 0) + us);
      all += us;
    }
  }
}
rmSync(work, { recursive: true, force: true });

console.log(`${launcher}: ${runs} starts to listening, sampled every ${interval} µs; self time per start by source`);
const rows = [...totals].sort((a, b) => b[1] - a[1]).slice(0, top);
for (const [source, us] of rows)
  console.log(`${(us / runs / 1000).toFixed(1).padStart(7)} ms  ${((100 * us) / all).toFixed(1).padStart(5)} %  ${source}`);
console.log(`${(all / runs / 1000).toFixed(1).padStart(7)} ms  total sampled per start`);
