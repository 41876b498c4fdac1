// CONSUMER TEST (slow: ~40 s; needs the npm registry or a warm npm cache).
// Checks the packages as an npm user gets them: builds and packs each workspace package with
// pnpm (which rewrites `exports` and `bin` to dist/ and `workspace:` ranges to versions), lints
// the tarballs (publint, "are the types wrong"), installs them with npm into an empty project,
// then (a) imports them from plain Node ESM, (b) type-checks a consumer under `bundler` and
// `nodenext` resolution, (c) starts the API from the installed package and calls it, and runs
// each README's first example as written. PAYLENS_SKIP_CONSUMER_TEST=1 skips it locally.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { README_SERVER_URL, readmeCodeBlocks, readmeExpectedOutput } from './readme-examples.js';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('..', import.meta.url));
const tsc = join(repo, 'node_modules/typescript/bin/tsc');
const toolsBin = join(repo, 'tools/node_modules/.bin');
// Packed in dependency order; @paylens/web is the built page @paylens/api serves at /.
const PACKAGES = ['core', 'web', 'api'] as const;
/** Packages whose first README example is browser code (no Node types). */
const BROWSER_EXAMPLES: readonly PackageDir[] = ['core', 'api'];
type PackageDir = (typeof PACKAGES)[number];

/** The versions the workspace itself uses, so npm can serve them from its cache. */
function workspaceVersion(manifest: string, name: string): string {
  const pkg = JSON.parse(readFileSync(join(repo, manifest), 'utf8')) as Record<string, Record<string, string> | undefined>;
  const version = pkg.devDependencies?.[name] ?? pkg.dependencies?.[name];
  if (version === undefined) throw new Error(`${manifest} has no ${name}`);
  return version;
}
const EXTRA_PACKAGES = [
  `zod@${workspaceVersion('packages/core/package.json', 'zod')}`,
  `openapi-fetch@${workspaceVersion('package.json', 'openapi-fetch')}`,
  `@types/node@${workspaceVersion('package.json', '@types/node')}`,
];

const skip = process.env.PAYLENS_SKIP_CONSUMER_TEST === '1';
let project = '';
let server: ChildProcess | undefined;
let serverUrl = '';
const tarballs = new Map<PackageDir, string>();

async function sh(command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  try {
    return await run(command, args, { cwd: project, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed:\n${stdout}\n${stderr}`);
  }
}

function write(path: string, content: string) {
  writeFileSync(join(project, path), content);
}

/** Starts the installed `paylens-api` bin on a free port; resolves with its URL once it listens. */
async function startInstalledServer(): Promise<string> {
  server = spawn(join(project, 'node_modules/.bin/paylens-api'), [], {
    cwd: project,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', RATE_LIMIT_MAX: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  return new Promise((resolve, reject) => {
    server?.stdout?.on('data', (chunk) => {
      output += String(chunk);
      const port = /"port":(\d+)/.exec(output)?.[1];
      if (port) resolve(`http://127.0.0.1:${port}`);
    });
    server?.once('exit', (code) => reject(new Error(`paylens-api exited with ${code}:\n${output}`)));
  });
}

describe.skipIf(skip)('consumer: packed tarballs installed with npm', () => {
  beforeAll(async () => {
    project = mkdtempSync(join(tmpdir(), 'paylens-consumer-'));
    const packDir = join(project, 'tarballs');
    mkdirSync(packDir);
    // `pnpm pack` runs each package's prepack script, which builds dist/ (and, for the core,
    // first regenerates the bundled data from data/*.csv).
    for (const dir of PACKAGES) {
      const before = new Set(readdirSync(packDir));
      await run('npx', ['-y', 'pnpm@12.4.2', 'pack', '--pack-destination', packDir], { cwd: join(repo, 'packages', dir) });
      const added = readdirSync(packDir).filter((name) => !before.has(name));
      expect(added).toHaveLength(1);
      tarballs.set(dir, join(packDir, added[0] as string));
    }
    write('package.json', `${JSON.stringify({ name: 'paylens-consumer', private: true, type: 'module' }, null, 2)}\n`);
    await sh('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...tarballs.values(), ...EXTRA_PACKAGES]);
    serverUrl = await startInstalledServer();
  }, 240_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      // SIGTERM drains gracefully (up to 8 s for open connections); do not wait longer than that.
      const killer = setTimeout(() => server?.kill('SIGKILL'), 10_000);
      server.kill('SIGTERM');
      await once(server, 'exit');
      clearTimeout(killer);
    }
    if (project) rmSync(project, { recursive: true, force: true });
  }, 30_000);

  it('ships dist, types, README, CHANGELOG and LICENSE, and no sources or tests', async () => {
    for (const tarball of tarballs.values()) {
      const { stdout } = await sh('tar', ['-tzf', tarball]);
      const files = stdout.split('\n').filter(Boolean);
      expect(files).toEqual(
        expect.arrayContaining(['package/LICENSE', 'package/README.md', 'package/CHANGELOG.md', 'package/package.json']),
      );
      expect(files.filter((f) => f.startsWith('package/src/') || f.includes('.test.') || f.includes('/test-'))).toEqual([]);
      expect(files.some((f) => f.endsWith('.d.ts'))).toBe(true);
    }
    const api = JSON.parse(readFileSync(join(project, 'node_modules/@paylens/api/package.json'), 'utf8')) as Record<string, unknown>;
    expect(api.dependencies).toMatchObject({ '@paylens/core': '^0.1.0', '@paylens/web': '^0.1.0' });
    expect(api.bin).toEqual({ paylens: './dist/cli/main.js', 'paylens-api': './dist/server.js' });
  });

  it('passes publint (strict) and "are the types wrong"', async () => {
    for (const tarball of tarballs.values()) {
      await sh(join(toolsBin, 'publint'), ['run', tarball, '--strict']);
      // The packages are ESM-only by design (Node 20+ can require() them): the esm-only profile
      // skips the CommonJS and node10 resolution modes, and checks node16/nodenext and bundler.
      await sh(join(toolsBin, 'attw'), [tarball, '--profile', 'esm-only', '--format', 'ascii', '--no-color']);
    }
  }, 60_000);

  it('(a) imports @paylens/core from plain Node ESM, from dist, with the bundled data set', async () => {
    write(
      'core.mjs',
      `import { estimateSalary, getDefaultDataset } from '@paylens/core';
import { loadDataset } from '@paylens/core/node';
const bundled = estimateSalary(getDefaultDataset(), {});
const fromDisk = estimateSalary(await loadDataset(process.argv[2]), {});
console.log(JSON.stringify({ bundled: bundled.base.mean, fromDisk: fromDisk.base.mean, resolved: import.meta.resolve('@paylens/core') }));
`,
    );
    const { stdout } = await sh('node', ['core.mjs', join(repo, 'data')]);
    const out = JSON.parse(stdout) as { bundled: number; fromDisk: number; resolved: string };
    expect(Math.abs(out.bundled / 85_504 - 1)).toBeLessThan(0.005);
    expect(out.fromDisk).toBe(out.bundled);
    expect(out.resolved).toMatch(/node_modules\/@paylens\/core\/dist\/index\.js$/);
  });

  it('(c) runs the API (with its page at /) and the CLI from the installed package', async () => {
    const health = await fetch(`${serverUrl}/healthz`);
    expect(health.status).toBe(200);
    const page = await fetch(`${serverUrl}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script');
    const estimate = await fetch(`${serverUrl}/v1/estimates?level=mid&region=us`);
    expect(estimate.status).toBe(200);
    expect(((await estimate.json()) as { base: { p50: number } }).base.p50).toBeCloseTo(90_000, -3);
    const cli = await sh(join(project, 'node_modules/.bin/paylens'), ['estimate', '--level', 'mid', '--json']);
    expect((JSON.parse(cli.stdout) as { base: { p50: number } }).base.p50).toBeCloseTo(90_000, -3);
  });

  it('(b) type-checks consumers under moduleResolution bundler and nodenext; runs each README example as written', async () => {
    write(
      'browser.ts',
      `// Browser code: no Node types available. The core's main entry and the client types suffice.
import { type Dataset, type Estimate, EstimateQuerySchema, estimateSalary, getDefaultDataset, isValidationError } from '@paylens/core';
import type { paths, Schemas } from '@paylens/api/client';

const dataset: Dataset = getDefaultDataset();
const estimate: Estimate = estimateSalary(dataset, EstimateQuerySchema.parse({ level: 'mid', region: 'us' }));
export const median: number = estimate.base.p50;
export type EstimateAnswer = paths['/v1/estimates']['get']['responses'][200]['content']['application/json'];
export const sameShape: Schemas['Estimate']['base']['p50'] = median;
try {
  // @ts-expect-error yearsExperience is a number: the public types refuse a string
  estimateSalary(dataset, { yearsExperience: 'five' });
} catch (error) {
  if (isValidationError(error)) console.log(error.issues.map((issue) => issue.path));
}
`,
    );
    write(
      'server.ts',
      `import { createApp } from '@paylens/api';
import { loadDataset } from '@paylens/core/node';

const app = createApp({ dataset: await loadDataset('./data'), config: { rateLimit: false } });
app.listen(0).close();
`,
    );
    const examples: { file: string; expected: string[] }[] = [];
    const browserFiles = ['browser.ts'];
    for (const dir of PACKAGES) {
      // Every self-contained example (one that imports what it uses) is type-checked; the first runs.
      const blocks = readmeCodeBlocks(readFileSync(join(repo, 'packages', dir, 'README.md'), 'utf8'), 'ts');
      blocks.forEach((code, i) => {
        if (!/^import /m.test(code)) return;
        const file = `readme-${dir}-${i}`;
        write(`${file}.ts`, code.replaceAll(README_SERVER_URL, serverUrl));
        if (i === 0) {
          examples.push({ file, expected: readmeExpectedOutput(code) });
          if (BROWSER_EXAMPLES.includes(dir)) browserFiles.push(`${file}.ts`);
        }
      });
    }
    // skipLibCheck off: the packages' own .d.ts files are checked too, not only their use.
    const strict = { strict: true, exactOptionalPropertyTypes: true, skipLibCheck: false, target: 'ES2023', lib: ['ES2023', 'DOM'] };
    const bundler = { module: 'preserve', moduleResolution: 'bundler', noEmit: true };
    const configs: Record<string, object> = {
      'tsconfig.browser.json': { compilerOptions: { ...strict, ...bundler, types: [] }, files: browserFiles },
      'tsconfig.bundler.json': { compilerOptions: { ...strict, ...bundler, types: ['node'] }, include: ['*.ts'] },
      'tsconfig.nodenext.json': {
        compilerOptions: { ...strict, module: 'nodenext', moduleResolution: 'nodenext', types: ['node'], outDir: 'out' },
        include: ['*.ts'],
      },
    };
    for (const [name, config] of Object.entries(configs)) {
      write(name, JSON.stringify(config));
      await sh('node', [tsc, '-p', name]);
    }
    for (const { file, expected } of examples) {
      const { stdout } = await sh('node', [join('out', `${file}.js`)]);
      expect(stdout.trimEnd().split('\n'), file).toEqual(expected);
    }
  }, 120_000);
});
