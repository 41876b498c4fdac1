// Experiment behind bench/NOTES.md "Start-up, round 4": how much a V8 start-up snapshot
// (`node --snapshot-blob … --build-snapshot`, experimental in Node 20) would save, for the API and
// for the bare Express app built the same way. Not how `pnpm start` runs (see the notes for why).
//   node --import tsx bench/startup-snapshot.ts [--rounds=11]
//
// Node 20's snapshot builder cannot load node:http (`methods.toSorted is not a function` inside
// node:http) nor depd (its call-site lookup gets no stack), so Express and everything that loads
// it stay out of the snapshot. The rule, applied to both apps alike: zod and @paylens/core (with
// its node entry) are evaluated into the snapshot; the rest of the app is a CommonJS bundle that
// the snapshot's main function loads at start (`node --snapshot-blob <blob> <rest.cjs>`), its
// imports of zod and the core mapped to the snapshot's instances. The bare app imports neither,
// so its snapshot holds only Node itself and its rest is the whole app.
//
// The "bundle" rows are the builds `pnpm start` and the bench run: since start-up round 5 the
// launchers with V8's code cache (build-server.mjs), which the snapshot ways do not use; the
// round-4 figures in the notes were taken against the ES-module bundles of that time.
//
// Prints, from alternating starts (spawn to the first /healthz 200, as the bench's startup
// section; CPU from /proc, 10 ms resolution), the medians of the four ways and their ratios.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { API_ENTRY, BARE_ENTRY, ROOT, startProcess } from './lib/server-process.js';
import { median } from './lib/stats.js';

const args = process.argv.slice(2);
const rounds = Number(args.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 11);
const out = join(ROOT, 'bench', 'results', 'snapshot');
mkdirSync(out, { recursive: true });

/** The modules the snapshot holds, as the rest bundle imports them, and their global names. */
const SHARED: Readonly<Record<string, string>> = { zod: 'z', '@paylens/core': 'core', '@paylens/core/node': 'coreNode' };

/**
 * `import.meta.url` of each workspace file as if it had not moved, but the entry's, which is the
 * bundle's own (what build-server.mjs did for its ES module bundle before round 5).
 */
function sourceUrls(entry: string, outfile: string): Plugin {
  return {
    name: 'source-urls',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (a) => {
        if (a.path.includes('/node_modules/')) return undefined;
        let contents = readFileSync(a.path, 'utf8');
        // CommonJS has no top-level await; the rest bundle starts the server without waiting.
        if (a.path.endsWith('packages/api/src/server.ts'))
          contents = contents.replace(/\) await startServer\(\);/, ') void startServer();');
        const path = relative(dirname(outfile), a.path).split('\\').join('/');
        const url = a.path === entry ? '__bundleUrl' : `new URL(${JSON.stringify(path)}, __bundleUrl).href`;
        contents = contents.replaceAll('import.meta.url', url);
        return { contents, loader: 'ts' };
      });
    },
  };
}

/** The rest of an app: a CommonJS bundle whose zod and core are the snapshot's. */
function sharedFromSnapshot(): Plugin {
  return {
    name: 'shared-from-snapshot',
    setup(b) {
      b.onResolve({ filter: /^(zod|@paylens\/core|@paylens\/core\/node)$/ }, (a) => ({ path: a.path, namespace: 'snapshot' }));
      b.onLoad({ filter: /.*/, namespace: 'snapshot' }, (a) => ({
        contents: `module.exports = globalThis.__paylensSnapshot.${SHARED[a.path]};`,
        loader: 'js',
      }));
    },
  };
}

async function bundle(entry: string, outfile: string, plugins: Plugin[]): Promise<void> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['swagger-ui-express'],
    banner: { js: "var __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
    plugins: [sourceUrls(entry, outfile), ...plugins],
    logLevel: 'error',
  });
}

/** Builds `<name>.blob` (the snapshot) and `<name>-rest.cjs` (loaded by it at start). */
async function buildSnapshot(name: string, app: string, sharedImports: string): Promise<{ blob: string; rest: string }> {
  const snapEntry = join(out, `${name}-snapshot-entry.ts`);
  writeFileSync(
    snapEntry,
    [
      "import { createRequire } from 'node:module';",
      "import { resolve } from 'node:path';",
      "import { startupSnapshot } from 'node:v8';",
      sharedImports,
      // The rest bundle is the first argument: node --snapshot-blob <blob> <rest.cjs>
      'startupSnapshot.setDeserializeMainFunction(() => {',
      '  const rest = resolve(process.argv[1] as string);',
      '  createRequire(rest)(rest);',
      '});',
    ].join('\n'),
  );
  const snapshotScript = join(out, `${name}-snapshot.cjs`);
  const rest = join(out, `${name}-rest.cjs`);
  await bundle(snapEntry, snapshotScript, []);
  await bundle(app, rest, [sharedFromSnapshot()]);
  const blob = join(out, `${name}.blob`);
  execFileSync(process.execPath, ['--snapshot-blob', blob, '--build-snapshot', snapshotScript], {
    cwd: out,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return { blob, rest };
}

const api = await buildSnapshot(
  'api',
  join(ROOT, 'packages', 'api', 'src', 'server.ts'),
  [
    "import * as z from 'zod';",
    "import * as core from '@paylens/core';",
    "import * as coreNode from '@paylens/core/node';",
    '(globalThis as Record<string, unknown>).__paylensSnapshot = { z, core, coreNode };',
  ].join('\n'),
);
// Same rule for the bare app: it imports neither zod nor the core, so nothing of it goes in.
const bare = await buildSnapshot('bare', join(ROOT, 'bench', 'bare-app.ts'), '');

const apiEnv = { NODE_ENV: 'production', PAYLENS_WORKERS: '1', RATE_LIMIT_MAX: '1000000000', LOG_LEVEL: 'info' };
const ways = [
  { name: 'API, bundle (pnpm start)', entry: API_ENTRY, nodeArgs: [] as string[], env: apiEnv },
  { name: 'bare, bundle', entry: BARE_ENTRY, nodeArgs: [] as string[], env: {} },
  { name: 'API, snapshot', entry: api.rest, nodeArgs: ['--snapshot-blob', api.blob], env: apiEnv },
  { name: 'bare, snapshot', entry: bare.rest, nodeArgs: ['--snapshot-blob', bare.blob], env: {} },
];
const runs = ways.map(() => ({ wall: [] as number[], cpu: [] as number[] }));

// The snapshot's API answers as the bundle does (one estimate, byte for byte), before timing.
{
  const a = await startProcess(API_ENTRY, apiEnv);
  const b = await startProcess(api.rest, apiEnv, { nodeArgs: ['--snapshot-blob', api.blob] });
  const { fetchText } = await import('./lib/server-process.js');
  const path = '/v1/estimates?role=pacs-administrator&region=us-ca-san-francisco&yearsExperience=5';
  const [x, y] = await Promise.all([fetchText(a.port, path), fetchText(b.port, path)]);
  await a.stop();
  await b.stop();
  if (x.status !== 200 || x.body !== y.body) throw new Error('the snapshot API answers differently from the bundle');
}

for (let r = -1; r < rounds; r++) {
  const order = r % 2 === 0 ? [0, 1, 2, 3] : [3, 2, 1, 0];
  for (const i of order) {
    const way = ways[i] as (typeof ways)[number];
    const server = await startProcess(way.entry, way.env, { nodeArgs: way.nodeArgs });
    await server.stop();
    if (r < 0) continue; // one untimed start of each first: files in the cache
    runs[i]?.wall.push(server.readyMs);
    runs[i]?.cpu.push(server.readyCpuMs);
  }
}

const m = runs.map((x) => ({ wall: median(x.wall), cpu: median(x.cpu) }));
ways.forEach((way, i) => {
  console.log(`${way.name.padEnd(26)} wall ${m[i]?.wall.toFixed(0).padStart(4)} ms   CPU ${m[i]?.cpu.toFixed(0).padStart(4)} ms`);
});
const ratio = (a: number, b: number, what: 'wall' | 'cpu') => ((m[a]?.[what] ?? 0) / (m[b]?.[what] ?? 1)).toFixed(2);
console.log(`API bundle / bare bundle:     wall ${ratio(0, 1, 'wall')}  CPU ${ratio(0, 1, 'cpu')}`);
console.log(`API snapshot / bare snapshot: wall ${ratio(2, 3, 'wall')}  CPU ${ratio(2, 3, 'cpu')}`);
console.log(`API snapshot / bare bundle:   wall ${ratio(2, 1, 'wall')}  CPU ${ratio(2, 1, 'cpu')}`);
