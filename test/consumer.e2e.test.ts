// CONSUMER TEST (slow: ~30 s; needs the npm registry or a warm npm cache).
// Checks the packages as an npm user gets them: builds and packs each workspace package with
// pnpm (which rewrites `exports` to dist/ and `workspace:*` to versions), lints the tarballs
// (publint, "are the types wrong"), installs them with npm into an empty project, then imports
// them from plain Node ESM, type-checks a consumer under `bundler` and `nodenext` resolution and
// runs each README's first example as written. Set PAYLENS_SKIP_CONSUMER_TEST=1 to skip locally.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readmeCodeBlocks, readmeExpectedOutput } from './readme-examples.js';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('..', import.meta.url));
const tsc = join(repo, 'node_modules/typescript/bin/tsc');
const toolsBin = join(repo, 'tools/node_modules/.bin');
const PACKAGES = ['core'] as const;
type PackageDir = (typeof PACKAGES)[number];
const zodVersion = (JSON.parse(readFileSync(join(repo, 'packages/core/package.json'), 'utf8')) as { devDependencies: { zod: string } })
  .devDependencies.zod;

const skip = process.env.PAYLENS_SKIP_CONSUMER_TEST === '1';
let project = '';
const tarballs = new Map<PackageDir, string>();

async function sh(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  try {
    return await run(command, args, { cwd, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout}\n${stderr}`);
  }
}

function write(path: string, content: string) {
  writeFileSync(join(project, path), content);
}

describe.skipIf(skip)('consumer: packed tarballs installed with npm', () => {
  beforeAll(async () => {
    project = mkdtempSync(join(tmpdir(), 'paylens-consumer-'));
    const packDir = join(project, 'tarballs');
    mkdirSync(packDir);
    // `pnpm pack` runs each package's prepack script, which regenerates the data and builds dist/.
    for (const dir of PACKAGES) {
      const before = new Set(readdirSync(packDir));
      await sh('npx', ['-y', 'pnpm@12.4.2', 'pack', '--pack-destination', packDir], join(repo, 'packages', dir));
      const added = readdirSync(packDir).filter((name) => !before.has(name));
      expect(added).toHaveLength(1);
      tarballs.set(dir, join(packDir, added[0] as string));
    }
    write('package.json', `${JSON.stringify({ name: 'paylens-consumer', private: true, type: 'module' }, null, 2)}\n`);
    await sh(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', ...tarballs.values(), `zod@${zodVersion}`, '@types/node@^20.19.0'],
      project,
    );
  }, 240_000);

  afterAll(() => {
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it('ships dist, types, README, CHANGELOG and LICENSE, and no sources or tests', async () => {
    for (const tarball of tarballs.values()) {
      const { stdout } = await sh('tar', ['-tzf', tarball], project);
      const files = stdout.split('\n').filter(Boolean);
      expect(files).toEqual(
        expect.arrayContaining(['package/LICENSE', 'package/README.md', 'package/CHANGELOG.md', 'package/package.json']),
      );
      expect(files.filter((f) => f.startsWith('package/src/') || f.includes('.test.'))).toEqual([]);
      expect(files.some((f) => f.endsWith('.d.ts'))).toBe(true);
    }
  });

  it('passes publint (strict) and "are the types wrong"', async () => {
    for (const tarball of tarballs.values()) {
      await sh(join(toolsBin, 'publint'), ['run', tarball, '--strict'], project);
      // The packages are ESM-only by design (Node 20+ can require() them): the esm-only profile
      // skips the CommonJS and node10 resolution modes, and checks node16/nodenext and bundler.
      await sh(join(toolsBin, 'attw'), [tarball, '--profile', 'esm-only', '--format', 'ascii', '--no-color'], project);
    }
  }, 60_000);

  it('imports @paylens/core from plain Node ESM, from dist, with the bundled data set', async () => {
    write(
      'core.mjs',
      `import { estimateSalary, getDefaultDataset } from '@paylens/core';
import { loadDataset } from '@paylens/core/node';
const bundled = estimateSalary(getDefaultDataset(), {});
const fromDisk = estimateSalary(await loadDataset(process.argv[2]), {});
console.log(JSON.stringify({ bundled: bundled.base.mean, fromDisk: fromDisk.base.mean, resolved: import.meta.resolve('@paylens/core') }));
`,
    );
    const { stdout } = await sh('node', ['core.mjs', join(repo, 'data')], project);
    const out = JSON.parse(stdout) as { bundled: number; fromDisk: number; resolved: string };
    expect(Math.abs(out.bundled / 85_504 - 1)).toBeLessThan(0.005);
    expect(out.fromDisk).toBe(out.bundled);
    expect(out.resolved).toMatch(/node_modules\/@paylens\/core\/dist\/index\.js$/);
  });

  it('type-checks a consumer under moduleResolution bundler and nodenext, and runs each README example as written', async () => {
    write(
      'consumer.ts',
      `import { type Dataset, type Estimate, EstimateQuerySchema, estimateSalary, getDefaultDataset, isValidationError } from '@paylens/core';
import { loadDataset } from '@paylens/core/node';

const dataset: Dataset = getDefaultDataset();
const estimate: Estimate = estimateSalary(dataset, EstimateQuerySchema.parse({ level: 'mid', region: 'us' }));
export const median: number = estimate.base.p50;
export const loaded: Promise<Dataset> = loadDataset('./data');
try {
  // @ts-expect-error yearsExperience is a number: the public types refuse a string
  estimateSalary(dataset, { yearsExperience: 'five' });
} catch (error) {
  if (isValidationError(error)) console.log(error.issues.map((issue) => issue.path));
}
`,
    );
    const examples: { file: string; expected: string[] }[] = [];
    for (const dir of PACKAGES) {
      readmeCodeBlocks(readFileSync(join(repo, 'packages', dir, 'README.md'), 'utf8'), 'ts').forEach((code, i) => {
        write(`readme-${dir}-${i}.ts`, code);
        if (i === 0) examples.push({ file: `readme-${dir}-${i}`, expected: readmeExpectedOutput(code) });
      });
    }
    const strict = { strict: true, noEmit: true, skipLibCheck: false, types: ['node'], lib: ['ES2023', 'DOM'], target: 'ES2023' };
    const configs = {
      'tsconfig.bundler.json': { ...strict, module: 'preserve', moduleResolution: 'bundler' },
      'tsconfig.nodenext.json': { ...strict, module: 'nodenext', moduleResolution: 'nodenext', noEmit: false, outDir: 'out' },
    };
    for (const [name, compilerOptions] of Object.entries(configs)) {
      write(name, JSON.stringify({ compilerOptions, include: ['*.ts'] }));
      await sh('node', [tsc, '-p', name], project);
    }
    for (const { file, expected } of examples) {
      const { stdout } = await sh('node', [join('out', `${file}.js`)], project);
      expect(stdout.trimEnd().split('\n'), file).toEqual(expected);
    }
  }, 60_000);
});
