import { pino } from 'pino';

/** Log lines are held until this many bytes are waiting (about 25 request lines), then written at once. */
export const LOG_BUFFER_BYTES = 4096;
/** Lines waiting in the buffer are written at least this often, however quiet the server is. */
export const LOG_FLUSH_MS = 250;

export interface LogDestinationOptions {
  /** File descriptor or path to write to; standard output by default. */
  readonly dest?: number | string;
  /** Bytes held before a write; {@link LOG_BUFFER_BYTES} by default. */
  readonly bufferBytes?: number;
  /** The longest a line waits before it is written, ms; {@link LOG_FLUSH_MS} by default. */
  readonly flushMs?: number;
}

/** pino's sonic-boom stream: `flush()` and `flushSync()` write whatever is waiting. */
export type LogDestination = ReturnType<typeof pino.destination>;

/**
 * The server's log destination: pino's sonic-boom, buffered. Lines collect until
 * {@link LOG_BUFFER_BYTES} are waiting and then go out in one synchronous write, so under load a
 * write carries about 25 request lines instead of one; a timer (unref'd, so it keeps no process
 * alive) writes what is waiting every {@link LOG_FLUSH_MS} ms, so at low traffic a line is
 * delayed by that much at most; and the process's `exit` writes the rest, whatever ends it
 * (`process.exit` after a drain, a fatal error, an uncaught exception; not SIGKILL).
 *
 * @example
 * const logger = pino({ level: 'info' }, createLogDestination());
 */
export function createLogDestination(options: LogDestinationOptions = {}): LogDestination {
  const destination = pino.destination({
    dest: options.dest ?? 1,
    sync: true,
    minLength: options.bufferBytes ?? LOG_BUFFER_BYTES,
    periodicFlush: options.flushMs ?? LOG_FLUSH_MS,
  });
  // pino flushes its asynchronous destinations on exit by itself, not synchronous ones.
  const flushOnExit = () => {
    try {
      destination.flushSync();
    } catch {
      // Destroyed or broken (EPIPE) destination: nothing more can be written.
    }
  };
  process.once('exit', flushOnExit);
  destination.once('close', () => process.off('exit', flushOnExit));
  return destination;
}
