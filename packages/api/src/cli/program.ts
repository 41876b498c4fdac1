import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { addBenchmarkCommand } from './commands/benchmark.js';
import { addCheckDataCommand } from './commands/check-data.js';
import { addEstimateCommand } from './commands/estimate.js';
import { addServeCommand } from './commands/serve.js';
import { describeError } from './describe-error.js';
import { type CliIo, EXIT, type ExitCode } from './io.js';
import { loadServer, type ServerModule } from './load-server.js';

/** Replaceable collaborators, for tests. */
export interface CliDeps {
  readonly loadServer?: () => Promise<ServerModule>;
}

/** What every command receives: the outside world, and how to report its exit code. */
export interface CommandContext {
  readonly io: CliIo;
  readonly loadServer: () => Promise<ServerModule>;
  setExitCode(code: ExitCode): void;
}

function readVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** Builds the `paylens` program around injected streams; nothing here touches `process`. */
export function createProgram(ctx: CommandContext): Command {
  const { io } = ctx;
  const program = new Command('paylens')
    .description('PayLens: pay estimates and offer benchmarks for PACS administrators, from sourced data.')
    .version(readVersion(), '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(s.replace(/^error: /, 'paylens: ')),
      getOutHelpWidth: () => 100,
      getErrHelpWidth: () => 100,
    })
    .showSuggestionAfterError()
    .addHelpText(
      'after',
      '\nExit codes: 0 ok, 1 some rows failed (benchmark), 2 bad usage or bad data.\nRun `paylens <command> --help` for the options of each command.',
    );
  addEstimateCommand(program, ctx);
  addBenchmarkCommand(program, ctx);
  addCheckDataCommand(program, ctx);
  addServeCommand(program, ctx);
  return program;
}

/**
 * Runs the CLI with the given arguments (without `node` and the script) and answers the exit
 * code. Never throws, never calls `process.exit`, never prints a stack trace.
 */
export async function runCli(args: readonly string[], io: CliIo, deps: CliDeps = {}): Promise<number> {
  let exitCode: ExitCode = EXIT.ok;
  const program = createProgram({ io, loadServer: deps.loadServer ?? loadServer, setExitCode: (code) => (exitCode = code) });
  try {
    await program.parseAsync([...args], { from: 'user' });
    return exitCode;
  } catch (error) {
    // Commander has already printed its own message (usage errors, --help, --version).
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    const [first, ...details] = describeError(error);
    io.stderr.write(`paylens: ${first}\n${details.map((d) => `  ${d}\n`).join('')}`);
    if (io.env.PAYLENS_DEBUG && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return (error as { exitCode?: ExitCode }).exitCode === EXIT.rowsFailed ? EXIT.rowsFailed : EXIT.usage;
  }
}
