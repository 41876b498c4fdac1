// The launcher of a bundle built by build-server.mjs's `bundleNodeApp`, copied beside it as the
// file that `node` runs (build/server.mjs runs build/server.cjs). It compiles the CommonJS
// bundle with V8's code cache (`vm.Script` with `cachedData`), written at build time by a
// training start of the app (see `bundleNodeApp`), so a start does not parse and compile the
// ~1.8 MB of JavaScript again, including the functions first run during start-up.
//
// The cache file's name holds what it is valid for: the bundle's content hash (the last line of
// the bundle, written by the build), Node's version, the CPU architecture and V8's version. A
// rebuilt bundle or another Node finds no cache of its name and compiles from source, as does
// one whose cache V8 refuses (other V8 flags, a damaged file): the bundle runs the same either
// way, only its start is slower. This launcher never writes a cache, except when the build runs
// it for that (PAYLENS_CODE_CACHE_WRITE), so a read-only install is never written to.
//
// `NODE_DEBUG=paylens` prints what happened to stderr: "code cache: used|missing|rejected <file>".
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import Module, { createRequire } from 'node:module';
import { Server } from 'node:net';
import { basename, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { debuglog } from 'node:util';
import { Script } from 'node:vm';

const debug = debuglog('paylens');
const bundle = fileURLToPath(import.meta.url).replace(/\.mjs$/, '.cjs');
const source = readFileSync(bundle, 'utf8');
const hash = /\/\/ paylens-bundle-hash ([0-9a-f]{16})\n?$/.exec(source.slice(-64))?.[1];
const cacheFile =
  hash === undefined ? undefined : `${bundle}.${hash}.node-${process.version}-${process.arch}-v8-${process.versions.v8}.cache`;
const writing = process.env.PAYLENS_CODE_CACHE_WRITE === '1';

let cachedData;
if (cacheFile !== undefined && !writing) {
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // No cache for this bundle and this Node: compile from source.
  }
}
// CommonJS's own wrapper; a `#!` line is not JavaScript inside it.
const script = new Script(Module.wrap(source.startsWith('#!') ? `//${source}` : source), { filename: bundle, cachedData });
if (cacheFile === undefined) debug('code cache: none (the bundle has no hash line)');
else debug(`code cache: ${cachedData === undefined ? 'missing' : script.cachedDataRejected ? 'rejected' : 'used'} ${basename(cacheFile)}`);

if (writing) {
  if (cacheFile === undefined) throw new Error(`${bundle} has no hash line: build it with bundleNodeApp`);
  writeCacheAfterFirstAnswer(cacheFile);
}

const module = new Module(bundle, undefined);
module.filename = bundle;
module.paths = Module._nodeModulePaths(dirname(bundle));
module.loaded = true;
script.runInThisContext().call(module.exports, module.exports, createRequire(bundle), module, bundle, dirname(bundle));

/**
 * The build's training start: once the app listens and has answered `GET /healthz` with a 200,
 * the cache (now holding every function compiled so far, not only the top level) is written
 * beside the bundle, in one rename, and the process exits.
 */
function writeCacheAfterFirstAnswer(file) {
  const listen = Server.prototype.listen;
  Server.prototype.listen = function (...args) {
    Server.prototype.listen = listen;
    this.once('listening', () => {
      const { address, port } = this.address();
      const host = address === '::' ? '::1' : address === '0.0.0.0' ? '127.0.0.1' : address;
      const req = request({ host, port, path: '/healthz', agent: false }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode !== 200) {
            process.stderr.write(`code cache: GET /healthz answered ${res.statusCode}\n`);
            process.exit(1);
          }
          const temporary = `${file}.${process.pid}.tmp`;
          writeFileSync(temporary, script.createCachedData());
          renameSync(temporary, file);
          process.exit(0);
        });
      });
      req.on('error', (error) => {
        process.stderr.write(`code cache: GET /healthz failed: ${error.message}\n`);
        process.exit(1);
      });
      req.end();
    });
    return listen.apply(this, args);
  };
}
