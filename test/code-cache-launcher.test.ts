// The launcher that bundleNodeApp writes (packages/api/scripts/code-cache-launcher.mjs): it runs
// the CommonJS bundle beside it with the V8 code cache made by the build's training start, and
// runs it the same without one: cache missing, refused by V8, or left by an earlier build.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleNodeApp } from '../packages/api/scripts/build-server.mjs';

const dir = mkdtempSync(join(tmpdir(), 'paylens-code-cache-'));
const entry = join(dir, 'app.mjs');
const launcher = join(dir, 'out', 'app.mjs');
const bundle = join(dir, 'out', 'app.cjs');

/** A tiny server: answers /healthz; with EXIT_AT_LISTEN, prints its version and exits as it listens. */
function writeApp(version: string, health = 200): void {
  writeFileSync(
    entry,
    `import { createServer } from 'node:http';
const server = createServer((req, res) => {
  res.writeHead(req.url === '/healthz' ? ${health} : 404, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ status: 'ok' }));
});
if (process.env.PAYLENS_TEST_REFUSE) throw new Error('refused by PAYLENS_TEST_REFUSE');
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  if (process.env.EXIT_AT_LISTEN) {
    console.log('version ${version}, url ' + import.meta.url);
    process.exit(0);
  }
});
`,
  );
}

const build = () => bundleNodeApp({ entry, outfile: launcher, trainingEnv: { PORT: '0' } });
const caches = () => readdirSync(join(dir, 'out')).filter((name) => name.endsWith('.cache'));

/** Runs the launcher until its app listens: what it printed, and the launcher's debug line. */
function run(): Promise<{ stdout: string; cache: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [launcher],
      { env: { ...process.env, EXIT_AT_LISTEN: '1', NODE_DEBUG: 'paylens', PORT: '0' } },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${error.message}: ${stderr}`));
        else resolve({ stdout, cache: /code cache: (\w+)/.exec(stderr)?.[1] ?? `no debug line in: ${stderr}` });
      },
    );
  });
}

beforeAll(async () => {
  writeApp('1');
  await build();
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the code cache launcher', () => {
  it('runs the bundle with the cache the build wrote, named after the bundle, Node and V8', async () => {
    const source = readFileSync(bundle, 'utf8');
    const hash = /\/\/ paylens-bundle-hash ([0-9a-f]{16})\n$/.exec(source)?.[1];
    expect(hash).toBeDefined();
    expect(caches()).toEqual([`app.cjs.${hash}.node-${process.version}-${process.arch}-v8-${process.versions.v8}.cache`]);
    const { stdout, cache } = await run();
    expect(cache).toBe('used');
    // The entry's import.meta.url is the launcher's, as if the bundle were an ES module in its place.
    expect(stdout).toBe(`version 1, url file://${launcher}\n`);
  });

  it('compiles from source when the cache is missing', async () => {
    const [file = ''] = caches();
    const saved = readFileSync(join(dir, 'out', file));
    rmSync(join(dir, 'out', file));
    try {
      expect(await run()).toEqual({ stdout: expect.stringMatching(/^version 1,/), cache: 'missing' });
    } finally {
      writeFileSync(join(dir, 'out', file), saved);
    }
  });

  it('compiles from source when V8 refuses the cache (damaged, or made under other V8 flags)', async () => {
    const [file = ''] = caches();
    const path = join(dir, 'out', file);
    const saved = readFileSync(path);
    writeFileSync(path, Buffer.alloc(saved.length, 7));
    try {
      expect(await run()).toEqual({ stdout: expect.stringMatching(/^version 1,/), cache: 'rejected' });
    } finally {
      writeFileSync(path, saved);
    }
  });

  it('runs without a cache a bundle that has no hash line', async () => {
    const saved = readFileSync(bundle, 'utf8');
    writeFileSync(bundle, saved.replace(/\/\/ paylens-bundle-hash [0-9a-f]{16}\n$/, ''));
    try {
      expect(await run()).toEqual({ stdout: expect.stringMatching(/^version 1,/), cache: 'none' });
    } finally {
      writeFileSync(bundle, saved);
    }
  });

  it('never uses the cache of an earlier build: a rebuilt bundle has its own, the old one is removed', async () => {
    const before = caches();
    writeApp('2');
    await build();
    const after = caches();
    expect(after).toHaveLength(1);
    expect(after).not.toEqual(before);
    expect(await run()).toEqual({ stdout: expect.stringMatching(/^version 2,/), cache: 'used' });
  }, 60_000);

  it('trains with its training environment, not the settings of the environment it is built in', async () => {
    process.env.PAYLENS_TEST_REFUSE = '1';
    try {
      await build();
    } finally {
      delete process.env.PAYLENS_TEST_REFUSE;
    }
    expect((await run()).cache).toBe('used');
  }, 60_000);

  it('fails the build when the training start does not answer /healthz with a 200', async () => {
    writeApp('3', 503);
    await expect(build()).rejects.toThrow(/GET \/healthz answered 503/);
  }, 60_000);
});
