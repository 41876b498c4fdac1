import { Readable, Writable } from 'node:stream';
import type { CliIo } from './io.js';

/** A captured output stream. */
export interface Capture extends Writable {
  text(): string;
}

function capture(): Capture {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  }) as Capture;
  stream.text = () => chunks.join('');
  return stream;
}

/** In-memory streams for running the CLI in-process in tests. */
export function createTestIo(options: { stdin?: string; cwd?: string; env?: Record<string, string>; tty?: boolean } = {}) {
  const stdout = capture();
  const stderr = capture();
  const io: CliIo = {
    stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
    stdout,
    stderr,
    stderrIsTTY: options.tty ?? false,
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? {},
  };
  return { io, stdout, stderr };
}
