// The core's main entry is documented as browser-safe: nothing reachable from it may import a
// Node built-in (node:fs, path, stream…), in our code or in a dependency. Bundling it for the
// browser, as an app's bundler would, fails on any such import; `./node` is the control case.
import { fileURLToPath } from 'node:url';
import { build, type Message } from 'esbuild';
import { describe, expect, it } from 'vitest';

const coreSrc = fileURLToPath(new URL('../packages/core/src/', import.meta.url));

async function bundleForBrowser(entry: string): Promise<{ errors: Message[]; inputs: string[] }> {
  try {
    const result = await build({
      entryPoints: [coreSrc + entry],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    return { errors: result.errors, inputs: Object.keys(result.metafile.inputs) };
  } catch (error) {
    return { errors: (error as { errors: Message[] }).errors, inputs: [] };
  }
}

describe('@paylens/core entry points', () => {
  it('bundles "." for the browser without any Node built-in', async () => {
    const { errors, inputs } = await bundleForBrowser('index.ts');
    expect(errors.map((e) => e.text)).toEqual([]);
    expect(inputs.some((path) => path.includes('generated/default-data'))).toBe(true);
    expect(inputs.filter((path) => path.startsWith('node:'))).toEqual([]);
  });

  it('detects a Node built-in: "./node" does not bundle for the browser', async () => {
    const { errors } = await bundleForBrowser('node.ts');
    expect(errors.map((e) => e.text).join('\n')).toMatch(/node:fs\/promises/);
  });
});
