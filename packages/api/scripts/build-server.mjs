// The production build of the server: src/server.ts and everything it imports (the core, the
// web package's module, Express, zod, pino…) bundled by esbuild into one ES module,
// build/server.mjs, that plain `node` runs: no TypeScript loader and one file to read and compile
// instead of several hundred modules. `pnpm start` builds it, then runs it.
//
//   node packages/api/scripts/build-server.mjs
//
// Exports `bundleNodeApp` so that the benchmarks bundle their bare Express baseline with exactly
// the same settings.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const apiDir = dirname(dirname(fileURLToPath(import.meta.url)));
const workspaceDir = dirname(dirname(apiDir));

/** The server's entry point and its bundle. */
export const SERVER_ENTRY = resolve(apiDir, 'src/server.ts');
export const SERVER_BUNDLE = resolve(apiDir, 'build/server.mjs');

/**
 * Left out of the bundle, loaded from node_modules at run time: swagger-ui-express serves
 * swagger-ui-dist's files from their own directory (`__dirname`), which a bundled copy would not
 * know. The docs load it on their first visit anyway.
 */
const EXTERNAL = ['swagger-ui-express'];

/**
 * A bundled module keeps its own `import.meta.url`, as if it had not moved: each workspace source
 * file but the entry point sees its source path (computed relative to the bundle, so the
 * checkout may move), which is what its relative look-ups (`new URL('../dist/', import.meta.url)`
 * for the web page, `../package.json` for the version) expect. The entry point keeps the bundle's
 * own URL: the server compares it with the path it was started with.
 */
function sourceImportMetaUrl(entry, outfile) {
  return {
    name: 'source-import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.[cm]?ts$/ }, async (args) => {
        if (args.path === entry || args.path.includes('/node_modules/') || !args.path.startsWith(workspaceDir)) return undefined;
        const contents = await readFile(args.path, 'utf8');
        if (!contents.includes('import.meta.url')) return undefined;
        const path = relative(dirname(outfile), args.path).split('\\').join('/');
        return { contents: contents.replaceAll('import.meta.url', `new URL(${JSON.stringify(path)}, import.meta.url).href`), loader: 'ts' };
      });
    },
  };
}

/**
 * Bundles a Node program (TypeScript or JavaScript) into one ES module for plain `node`.
 * Dependencies are bundled too (faster to start than resolving and loading each from
 * node_modules), except `external`; CommonJS ones `require` Node's built-ins through a real
 * `require`.
 */
export async function bundleNodeApp({ entry, outfile, external = [] }) {
  const result = await build({
    entryPoints: { [basename(outfile, '.mjs')]: entry },
    outdir: dirname(outfile),
    outExtension: { '.js': '.mjs' },
    // What is only imported dynamically (the OpenAPI generator) goes to its own file beside the
    // entry, read on first use. Beside it, not below: import.meta.url above is relative to it.
    splitting: true,
    chunkNames: '[name]-[hash]',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external,
    banner: {
      js: "import { createRequire as __paylensCreateRequire } from 'node:module';\nconst require = __paylensCreateRequire(import.meta.url);",
    },
    plugins: [sourceImportMetaUrl(entry, outfile)],
    // Whitespace and comments out, names and syntax kept: the output is then ASCII only (esbuild
    // escapes strings; a few dependencies' comments are not ASCII), so Node decodes the source to a
    // one-byte string instead of a two-byte one (the API's 2.0 MB bundle held 4.6 MB of heap
    // while it ran), and there is less of it to scan. Start-up CPU: API -4 %, bare app -2 %
    // (bench/NOTES.md, start-up round 4). Renaming and syntax minification gained nothing more.
    minifyWhitespace: true,
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    write: false,
  });
  // Each file replaced in one rename: a server starting from the previous build while this one is
  // written (tests and benchmarks build side by side) never reads half a file.
  await mkdir(dirname(outfile), { recursive: true });
  for (const file of result.outputFiles) {
    const temporary = `${file.path}.${process.pid}.tmp`;
    await writeFile(temporary, file.contents);
    await rename(temporary, file.path);
  }
  return result;
}

/** Builds build/server.mjs. */
export async function buildServer() {
  await bundleNodeApp({ entry: SERVER_ENTRY, outfile: SERVER_BUNDLE, external: EXTERNAL });
  return SERVER_BUNDLE;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const out = await buildServer();
  console.log(`server: ${relative(process.cwd(), out)}`);
}
