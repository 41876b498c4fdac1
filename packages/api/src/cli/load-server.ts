import { CliError } from './io.js';

/** What `paylens serve` expects of the API's `server.ts`. */
export interface ServerModule {
  startServer(options: { port?: number; dataDir?: string; workers?: number }): Promise<unknown>;
}

/**
 * Loads the API server lazily, so the other commands start fast and never load Express. The
 * specifier is kept in a variable so type checking does not need the module to exist.
 */
export async function loadServer(): Promise<ServerModule> {
  const specifier = '../server.js';
  let mod: Partial<ServerModule>;
  try {
    mod = (await import(specifier)) as Partial<ServerModule>;
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'ERR_MODULE_NOT_FOUND' && /Cannot find module '[^']*[\\/]server\.[jt]s'/.test(message)) {
      throw new CliError('the API server is not part of this build (packages/api/src/server.ts is missing)');
    }
    throw error;
  }
  if (typeof mod.startServer !== 'function') throw new CliError('the API server module does not export startServer({ port, dataDir })');
  return mod as ServerModule;
}
