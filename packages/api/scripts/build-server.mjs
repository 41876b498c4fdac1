// The production build of the server: src/server.ts and everything it imports (the core, the
// web package's module, Express, zod, pino…) bundled by esbuild into one CommonJS file,
// build/server.cjs, with V8's code cache for it, and build/server.mjs, the launcher that plain
// `node` runs (code-cache-launcher.mjs): no TypeScript loader, one file to read instead of several
// hundred modules, and most of it not compiled again. `pnpm start` builds it, then runs it.
//
//   node packages/api/scripts/build-server.mjs
//
// Exports `bundleNodeApp` so that the benchmarks bundle their bare Express baseline with exactly
// the same settings.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const apiDir = dirname(dirname(fileURLToPath(import.meta.url)));
const workspaceDir = dirname(dirname(apiDir));

/** The server's entry point and its build: the launcher that `node` runs (the bundle is build/server.cjs). */
export const SERVER_ENTRY = resolve(apiDir, 'src/server.ts');
export const SERVER_BUNDLE = resolve(apiDir, 'build/server.mjs');
const LAUNCHER = resolve(apiDir, 'scripts/code-cache-launcher.mjs');

/**
 * The environment of the server's training start, which writes the code cache: production, one
 * process, the bundled data set, an ephemeral port on the loopback interface, the default log level (its lines go nowhere).
 */
const SERVER_TRAINING_ENV = { NODE_ENV: 'production', PAYLENS_WORKERS: '1', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' };

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
 * for the web page, `../package.json` for the version) expect. The entry point's is the
 * launcher's URL (build/server.mjs, the file `node` is given): the server compares it with the
 * path it was started with. CommonJS has no `import.meta`: the banner computes the launcher's URL
 * from the bundle's `__dirname`.
 */
function sourceImportMetaUrl(entry, outfile) {
  return {
    name: 'source-import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.[cm]?ts$/ }, async (args) => {
        if (args.path.includes('/node_modules/') || !args.path.startsWith(workspaceDir)) return undefined;
        const contents = await readFile(args.path, 'utf8');
        if (!contents.includes('import.meta.url')) return undefined;
        const path = relative(dirname(outfile), args.path).split('\\').join('/');
        const url = args.path === entry ? '__paylensLauncherUrl' : `new URL(${JSON.stringify(path)}, __paylensLauncherUrl).href`;
        return { contents: contents.replaceAll('import.meta.url', url), loader: 'ts' };
      });
    },
  };
}

/** What the launcher reads at the end of the bundle: the hash of the rest, which names its code cache. */
const HASH_LINE = '// paylens-bundle-hash ';

/**
 * Bundles a Node program (TypeScript or JavaScript) for plain `node`: `outfile` (`.mjs`) is the
 * launcher to run (code-cache-launcher.mjs), beside it the program bundled into one CommonJS
 * file (the same name, `.cjs`) and V8's code cache of that bundle. Dependencies are bundled too
 * (faster to start than resolving and loading each from node_modules), except `external`, which
 * is `require`d from node_modules.
 *
 * The code cache is written by a training start: the launcher runs the bundle with
 * `trainingEnv`, and once the program listens and has answered `GET /healthz` with a 200, writes
 * the cache, which then holds the functions compiled during start-up too, and exits. So the
 * program must listen and answer /healthz when started with `trainingEnv`. Caches of earlier
 * builds are removed.
 */
export async function bundleNodeApp({ entry, outfile, external = [], trainingEnv = {} }) {
  if (!outfile.endsWith('.mjs')) throw new Error(`bundleNodeApp: outfile must end in .mjs (the launcher), got ${outfile}`);
  const dir = dirname(outfile);
  const bundle = outfile.replace(/\.mjs$/, '.cjs');
  const result = await build({
    entryPoints: [entry],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    // CommonJS, so that the launcher can compile it with a code cache (`vm.Script`); Node 20 has
    // no code cache for ES modules. What is only imported dynamically (the OpenAPI generator) is
    // in the bundle too, wrapped by esbuild so that it runs on first use.
    format: 'cjs',
    target: 'node20',
    // `import()` of what stays out of the bundle (Swagger UI) becomes a `require`: a script
    // compiled by `vm.Script` has no dynamic import of its own.
    supported: { 'dynamic-import': false },
    external,
    banner: {
      js: `var __paylensLauncherUrl = require('node:url').pathToFileURL(__dirname + ${JSON.stringify(`/${basename(outfile)}`)}).href;`,
    },
    // A dependency's own `import.meta.url` is the launcher's, as in an ES module bundle in its place.
    define: { 'import.meta.url': '__paylensLauncherUrl' },
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
  // written (tests and benchmarks build side by side) never reads half a file. The bundle's last
  // line is its hash, so a bundle and the name of its cache always go together.
  await mkdir(dir, { recursive: true });
  const replace = async (path, contents) => {
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, contents);
    await rename(temporary, path);
  };
  let hash = '';
  for (const file of result.outputFiles) {
    if (file.path !== bundle) {
      await replace(file.path, file.contents);
      continue;
    }
    hash = createHash('sha256').update(file.contents).digest('hex').slice(0, 16);
    await replace(bundle, Buffer.concat([file.contents, Buffer.from(`${HASH_LINE}${hash}\n`)]));
  }
  await replace(outfile, await readFile(LAUNCHER));
  // The launcher has no source map; one left by an earlier build (an ES module bundle) would mislead.
  await rm(`${outfile}.map`, { force: true });
  await writeCodeCache(outfile, trainingEnv);
  const stale = (name) =>
    name.startsWith(`${basename(bundle)}.`) && name.endsWith('.cache') && !name.startsWith(`${basename(bundle)}.${hash}.`);
  for (const name of (await readdir(dir)).filter(stale)) await rm(join(dir, name), { force: true });
  return result;
}

/** The training start of a launcher (see {@link bundleNodeApp}); rejects if it does not write its cache. */
function writeCodeCache(launcher, trainingEnv) {
  return new Promise((resolvePromise, reject) => {
    // Plain `node <launcher>` with `trainingEnv` and nothing else of the build's environment but
    // NODE_OPTIONS: the program's settings where it is built (a data directory not mounted yet, say)
    // are not those it will run with, and V8 refuses a cache made under other V8 flags
    // (--max-old-space-size, say), so a build run with the NODE_OPTIONS the server runs with (a
    // container's) makes a cache that server uses.
    const { NODE_OPTIONS } = process.env;
    const child = spawn(process.execPath, [launcher], {
      env: { ...(NODE_OPTIONS === undefined ? {} : { NODE_OPTIONS }), ...trainingEnv, PAYLENS_CODE_CACHE_WRITE: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolvePromise();
      else
        reject(
          new Error(
            `${relative(process.cwd(), launcher)}: the start that writes the code cache failed (${signal ?? `exit ${code}`}): ${stderr.slice(0, 2000)}`,
          ),
        );
    });
  });
}

/** Builds build/server.mjs (the launcher), build/server.cjs and its code cache. */
export async function buildServer() {
  await bundleNodeApp({ entry: SERVER_ENTRY, outfile: SERVER_BUNDLE, external: EXTERNAL, trainingEnv: SERVER_TRAINING_ENV });
  return SERVER_BUNDLE;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const out = await buildServer();
  console.log(`server: ${relative(process.cwd(), out)}`);
}
