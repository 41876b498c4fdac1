// Runs each package README's first example against the workspace sources, so a README that no
// longer matches the code fails fast; the consumer test runs the same examples from the packed
// tarballs.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readmeCodeBlocks, readmeExpectedOutput } from './readme-examples.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const ENTRY_POINTS: Record<string, string> = {
  '@paylens/core': 'packages/core/src/index.ts',
  '@paylens/core/node': 'packages/core/src/node.ts',
};

function firstExample(pkg: string): string {
  const [code] = readmeCodeBlocks(readFileSync(join(repo, 'packages', pkg, 'README.md'), 'utf8'), 'ts');
  if (code === undefined) throw new Error(`packages/${pkg}/README.md has no ts example`);
  return code;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('README examples', () => {
  it('reads fenced blocks and the printed text from comments', () => {
    const md = '# x\n```sh\nnpm i x\n```\n```ts\nconsole.log(1); // 1\nconst a = 2;\nconsole.log(a, "b"); // 2 b\n```\n';
    expect(readmeCodeBlocks(md, 'ts')).toEqual(['console.log(1); // 1\nconst a = 2;\nconsole.log(a, "b"); // 2 b\n']);
    expect(readmeExpectedOutput(readmeCodeBlocks(md, 'ts')[0] ?? '')).toEqual(['1', '2 b']);
  });

  it.each(['core'])('@paylens/%s: the first example is at most five lines and prints what its comments say', async (pkg) => {
    const code = firstExample(pkg);
    expect(code.split('\n').filter((line) => line.trim() !== '').length).toBeLessThanOrEqual(5);
    const expected = readmeExpectedOutput(code);
    expect(expected.length).toBeGreaterThan(0);

    const local = code.replace(/from '(@paylens\/[a-z/]+)'/g, (whole, name: string) => {
      const entry = ENTRY_POINTS[name];
      return entry ? `from '${pathToFileURL(join(repo, entry)).href}'` : whole;
    });
    const dir = mkdtempSync(join(tmpdir(), 'paylens-readme-'));
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      printed.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    });
    try {
      writeFileSync(join(dir, 'example.ts'), local);
      await import(pathToFileURL(join(dir, 'example.ts')).href);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(printed).toEqual(expected);
  });
});
