import { createServer, IncomingMessage, type Server, ServerResponse, STATUS_CODES } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
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

const CLIENT_ERROR_STATUS: Readonly<Record<string, number>> = { HPE_HEADER_OVERFLOW: 431, ERR_HTTP_REQUEST_TIMEOUT: 408 };

/**
 * Requests Node's HTTP parser refuses never reach the app (headers over 16 KB, a malformed request
 * line); they too get a problem with the security headers, then the connection is closed.
 */
function answerClientError(error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Socket): void {
  // As Node itself does: answer only while no answer to this request has started on the socket.
  const pending = (socket as Socket & { _httpMessage?: { headersSent?: boolean; req?: { method?: string } } })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || pending?.headersSent) {
    socket.destroy();
    return;
  }
  const status = CLIENT_ERROR_STATUS[error.code ?? ''] ?? 400;
  const title = STATUS_CODES[status] ?? 'Bad Request';
  const body = JSON.stringify({
    type: `urn:paylens:problem:${title.toLowerCase().replaceAll(' ', '-')}`,
    title,
    status,
    detail: status === 431 ? 'The request headers (URL included) are larger than this server accepts' : 'The request could not be read',
  });
  // A HEAD answer has no body; its client would choke on one.
  const head = pending?.req?.method === 'HEAD' || error.rawPacket?.subarray(0, 5).toString('latin1') === 'HEAD ';
  socket.end(
    [
      `HTTP/1.1 ${status} ${title}`,
      'Content-Type: application/problem+json',
      `Content-Length: ${Buffer.byteLength(body)}`,
      "Content-Security-Policy: default-src 'none';frame-ancestors 'none'",
      'X-Content-Type-Options: nosniff',
      'X-Frame-Options: SAMEORIGIN',
      'Connection: close',
      '',
      head ? '' : body,
    ].join('\r\n'),
  );
}

/**
 * The server's request and response classes, made with Express's request and response prototypes
 * already in place: Express gives every request and response its app's prototypes
 * (`Object.setPrototypeOf` in `app.handle`), which on Node's own objects changes their hidden class
 * per request and sends V8 down its slow paths for the properties read afterwards. Objects made
 * with those prototypes leave Express nothing to change. The same objects and prototype chains as
 * `app.listen`'s server, constructed by Node's own constructors. For an app served by a server of
 * your own; {@link listen} uses it.
 *
 * @example
 * const app = createApp({ dataset: getDefaultDataset() });
 * createServer(messageClasses(app), app).listen(8080); // node:http's createServer
 */
export function messageClasses(app: Express): { IncomingMessage: typeof IncomingMessage; ServerResponse: typeof ServerResponse } {
  function AppRequest(this: IncomingMessage, socket: Socket): void {
    IncomingMessage.call(this, socket);
  }
  AppRequest.prototype = app.request;
  function AppResponse(this: ServerResponse, req: IncomingMessage, options?: object): void {
    (ServerResponse as unknown as (this: ServerResponse, req: IncomingMessage, options?: object) => void).call(this, req, options);
  }
  AppResponse.prototype = app.response;
  return {
    IncomingMessage: AppRequest as unknown as typeof IncomingMessage,
    ServerResponse: AppResponse as unknown as typeof ServerResponse,
  };
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
    const server = createServer(messageClasses(app), app).listen(options.port, options.host ?? '::');
    server.on('clientError', answerClientError);
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
          // Connections that finish their request while draining would otherwise idle until
          // keepAliveTimeout before the server can stop.
          const sweep = setInterval(() => server.closeIdleConnections(), 100);
          sweep.unref();
          server.close(() => {
            clearTimeout(timer);
            clearInterval(sweep);
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
