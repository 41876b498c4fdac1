import type { Readable, Writable } from 'node:stream';

/** Everything the CLI touches outside itself, injectable so tests run it in-process. */
export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  /** Whether stderr is a terminal: progress is drawn only then. */
  readonly stderrIsTTY: boolean;
  /** Directory relative paths are resolved against. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Exit codes: 0 ok, 1 some rows failed, 2 bad usage or bad data. */
export const EXIT = { ok: 0, rowsFailed: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error the CLI reports as one line (plus optional detail lines) and an exit code, never a stack. */
export class CliError extends Error {
  override name = 'CliError';
  readonly exitCode: ExitCode;
  readonly details: readonly string[];

  constructor(message: string, options: { exitCode?: ExitCode; details?: readonly string[] } = {}) {
    super(message);
    this.exitCode = options.exitCode ?? EXIT.usage;
    this.details = options.details ?? [];
  }
}
