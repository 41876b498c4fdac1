// Where a running server's CPU goes under load, by function: starts a launcher built by
// bundleNodeApp (the API's build/server.mjs, or the bench's bare app) with `node --cpu-prof`,
// drives it with autocannon on 127.0.0.1 (10 connections; a warm-up, then the measured run),
// stops it with SIGTERM (both exit through process.exit, which writes the profile), and prints the
// self time of the functions sampled in the profile's last `duration` seconds (the measured run), largest first, each with its source
// file (bundle positions mapped back through the source map; Node's own modules by name).
// With --callers=NAME, the self time of the functions named NAME is listed by their first callers
// outside Node's own modules instead.
//   node bench/server-profile.mjs [--endpoint=get|post] [--warmup=2] [--duration=8] [--top=30] [--callers=NAME] [--pin] <api|bare>:<launcher>
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadRequest, pinToFirstCore, spawnServer, waitForHealth } from './lib/real-server.mjs';
import { API_ENV } from './lib/requests.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// source-map-js is in the workspace through vitest (vite), as in startup-profile.mjs.
const requireFromVite = createRequire(createRequire(join(root, 'package.json')).resolve('vitest/package.json'));
const { SourceMapConsumer } = createRequire(requireFromVite.resolve('vite/package.json'))('source-map-js');

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    endpoint: { type: 'string', default: 'get' },
    warmup: { type: 'string', default: '2' },
    duration: { type: 'string', default: '8' },
    top: { type: 'string', default: '30' },
    callers: { type: 'string' },
    pin: { type: 'boolean', default: false },
  },
});
// --pin: the server on CPU 1 and this process (autocannon) on CPU 0 (taskset), as log-cost.mjs --pin.
if (args.pin) pinToFirstCore();
const match = /^(api|bare):(.+)$/.exec(positionals[0] ?? '');
if (!match) throw new Error('expected <api|bare>:<launcher>');
const launcher = resolve(match[2]);
const bundle = launcher.replace(/\.mjs$/, '.cjs');
const map = new SourceMapConsumer(JSON.parse(readFileSync(`${bundle}.map`, 'utf8')));
const post = args.endpoint === 'post';
const port = 4700 + Math.floor(Math.random() * 200);
const request = loadRequest(post);

const dir = mkdtempSync(join(tmpdir(), 'paylens-server-profile-'));
const env = {
  ...process.env,
  PORT: String(port),
  HOST: '127.0.0.1',
  ...(match[1] === 'api' ? API_ENV : {}),
};
const nodeArgs = ['--cpu-prof', `--cpu-prof-dir=${dir}`, launcher];
const server = spawnServer(process.execPath, nodeArgs, { env, stdio: ['ignore', 'ignore', 'inherit'] }, args.pin);
try {
  await waitForHealth(port, server);
  const url = `http://127.0.0.1:${port}`;
  await autocannon({ url, connections: 10, duration: Number(args.warmup), requests: [request] });
  const run = await autocannon({ url, connections: 10, duration: Number(args.duration), requests: [request] });
  console.log(`${match[1]} ${request.method} ${request.path}: ${Math.round(run.requests.average)} req/s`);
  const exited = new Promise((r) => server.once('exit', r));
  server.kill('SIGTERM');
  await exited;

  const profile = JSON.parse(
    readFileSync(
      join(
        dir,
        readdirSync(dir).find((f) => f.endsWith('.cpuprofile')),
      ),
      'utf8',
    ),
  );
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parents = new Map(profile.nodes.flatMap((n) => (n.children ?? []).map((child) => [child, n])));
  // The last `duration` seconds of the profile (µs): the measured run, give or take the few ms
  // between its end and the exit.
  const fromUs = profile.endTime - Number(args.duration) * 1e6;
  let at = profile.startTime;
  const self = new Map();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    if (at < fromUs) continue;
    const delta = profile.timeDeltas[i + 1] ?? 0;
    let node = nodes.get(profile.samples[i]);
    if (args.callers !== undefined) {
      if (node.callFrame.functionName !== args.callers) continue;
      // The first caller outside Node's own modules (past `on` → `addListener` → `_addListener`).
      while ((node.callFrame.url === '' || node.callFrame.url.startsWith('node:')) && parents.has(node.id)) node = parents.get(node.id);
    }
    const { callFrame } = node;
    let where = callFrame.url.startsWith('node:')
      ? callFrame.url
      : callFrame.url === ''
        ? ''
        : relative(root, fileURLToPath(callFrame.url));
    if (callFrame.url.endsWith('.cjs')) {
      const source = map.originalPositionFor({ line: callFrame.lineNumber + 1, column: callFrame.columnNumber }).source;
      if (source) where = source.replace(/^.*node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, '');
    }
    const key = `${callFrame.functionName || '(anonymous)'}  ${where}`;
    self.set(key, (self.get(key) ?? 0) + delta);
    total += delta;
  }
  const what = args.callers === undefined ? 'self time' : `${args.callers}'s self time, by caller,`;
  console.log(`${what} in the profile's last ${args.duration} s (the measured run), ${(total / 1000).toFixed(0)} ms sampled:`);
  for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(args.top))) {
    console.log(`${((us / total) * 100).toFixed(1).padStart(5)} %  ${key}`);
  }
} finally {
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
