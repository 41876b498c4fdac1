// Runs each package README's first example against the workspace sources, so a README that no
// longer matches the code fails fast; the consumer test runs the same examples from the packed
// tarballs. The API example calls a server on localhost:3000: here, an in-process app.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createApp } from '@paylens/api';
import { getDefaultDataset } from '@paylens/core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { README_SERVER_URL, readmeCodeBlocks, readmeExpectedOutput } from './readme-examples.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
// Inside the repository, so the example's imports resolve to the workspace packages.
const scratch = join(repo, 'test-artifacts', `readme-examples-${process.pid}`);
let server: Server;
let serverUrl = '';

function firstExample(pkg: string): string {
  const [code] = readmeCodeBlocks(readFileSync(join(repo, 'packages', pkg, 'README.md'), 'utf8'), 'ts');
  if (code === undefined) throw new Error(`packages/${pkg}/README.md has no ts example`);
  return code;
}

beforeAll(async () => {
  mkdirSync(scratch, { recursive: true });
  server = createApp({ dataset: getDefaultDataset(), config: { rateLimit: false, logLevel: 'silent' } }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
  await new Promise((resolve) => server.close(resolve));
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('README examples', () => {
  it('reads fenced blocks and the printed text from comments', () => {
    const md = '# x\n```sh\nnpm i x\n```\n```ts\nconsole.log(1); // 1\nconst a = 2;\nconsole.log(a, "b"); // 2 b\n```\n';
    expect(readmeCodeBlocks(md, 'ts')).toEqual(['console.log(1); // 1\nconst a = 2;\nconsole.log(a, "b"); // 2 b\n']);
    expect(readmeExpectedOutput(readmeCodeBlocks(md, 'ts')[0] ?? '')).toEqual(['1', '2 b']);
  });

  it.each(['core', 'api', 'web'])('@paylens/%s: the first example is five lines and prints what its comments say', async (pkg) => {
    const code = firstExample(pkg);
    expect(code.split('\n').filter((line) => line.trim() !== '').length).toBeLessThanOrEqual(5);
    const expected = readmeExpectedOutput(code);
    expect(expected.length).toBeGreaterThan(0);

    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      printed.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    });
    const file = join(scratch, `${pkg}.ts`);
    writeFileSync(file, code.replaceAll(README_SERVER_URL, serverUrl));
    await import(pathToFileURL(file).href);
    expect(printed).toEqual(expected);
  });
});
