import { resolve } from 'node:path';
import type { Command } from 'commander';
import { CliError } from '../io.js';
import { parsePort, parseWorkers } from '../options.js';
import type { CommandContext } from '../program.js';

interface ServeOptions {
  data?: string;
  port?: number;
  workers?: number;
}

export function addServeCommand(program: Command, { io, loadServer }: CommandContext): void {
  program
    .command('serve')
    .description('Start the HTTP API.')
    .option('--data <dir>', 'serve your own data set (same layout as data/); default: $PAYLENS_DATA_DIR or the bundled one')
    .option('--port <n>', 'port to listen on (default: $PORT or 3000)', parsePort)
    .option(
      '--workers <n>',
      'worker processes sharing the port (default: $PAYLENS_WORKERS; else one per core when NODE_ENV=production, else 1)',
      parseWorkers,
    )
    .addHelpText('after', '\nA bad data directory stops start-up with every problem listed (exit 2).')
    .action(async (options: ServeOptions) => {
      const { startServer } = await loadServer();
      const envPort = io.env.PORT === undefined || io.env.PORT === '' ? undefined : Number(io.env.PORT);
      if (envPort !== undefined && !(Number.isInteger(envPort) && envPort >= 0 && envPort <= 65_535)) {
        throw new CliError(`PORT must be a port number, 0–65535; got '${io.env.PORT}'`);
      }
      const port = options.port ?? envPort ?? 3000;
      const dataDir = options.data ?? io.env.PAYLENS_DATA_DIR;
      await startServer({
        port,
        ...(dataDir !== undefined && { dataDir: resolve(io.cwd, dataDir) }),
        ...(options.workers !== undefined && { workers: options.workers }),
      });
    });
}
