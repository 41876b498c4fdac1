import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { Logger } from 'pino';

export interface RunningServer {
  readonly server: Server;
  readonly port: number;
  /**
   * Stops accepting connections, lets requests in flight finish, and resolves once all are done.
   * Connections still busy after `drainMs` are cut and the promise rejects.
   */
  readonly close: () => Promise<void>;
}

export interface ListenOptions {
  readonly port: number;
  readonly host?: string | undefined;
  readonly logger: Logger;
  /** Called first thing on close, so /readyz can answer 503 while draining. */
  readonly onDrain?: () => void;
  readonly drainMs?: number;
}

/**
 * Listens with an app and returns a handle whose `close` drains gracefully.
 *
 * @example
 * const running = await listen(app, { port: 3000, logger });
 * process.on('SIGTERM', () => running.close().then(() => process.exit(0)));
 */
export function listen(app: Express, options: ListenOptions): Promise<RunningServer> {
  const { logger, drainMs = 8_000 } = options;
  return new Promise((resolve, reject) => {
    const server = app.listen(options.port, options.host ?? '::');
    server.once('error', reject);
    server.once('listening', () => {
      server.off('error', reject);
      let closing: Promise<void> | undefined;
      const close = () => {
        closing ??= new Promise<void>((done, fail) => {
          options.onDrain?.();
          logger.info('draining: no new connections, finishing requests in flight');
          const timer = setTimeout(() => {
            logger.warn('requests still running after the drain period; cutting their connections');
            server.closeAllConnections();
            fail(new Error('drain period exceeded'));
          }, drainMs);
          timer.unref();
          server.close(() => {
            clearTimeout(timer);
            logger.info('stopped');
            done();
          });
          server.closeIdleConnections();
        });
        return closing;
      };
      resolve({ server, port: (server.address() as AddressInfo).port, close });
    });
  });
}
