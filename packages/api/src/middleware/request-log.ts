import { randomUUID } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { Logger } from 'pino';

const SAFE_ID = /^[\w.:-]{1,128}$/;

/**
 * Gives every request an id (the client's X-Request-Id when it is sane, else a new UUID), echoes it,
 * and logs one line per request when the answer is sent. The line holds the method, the route
 * pattern (never the URL: query strings can carry pay figures), status, duration and id — and
 * nothing from the body.
 */
export function requestLog(logger: Logger): RequestHandler {
  // One 'finish' listener for every response (Node calls it with the response as `this`), so a
  // request costs no closure: what the line needs is on the response.
  function logAnswer(this: Response): void {
    logger.info(
      {
        reqId: this.locals.requestId as string,
        method: this.req.method,
        route: (this.locals.route as string | undefined) ?? null,
        status: this.statusCode,
        durationMs: Math.round((performance.now() - (this.locals.requestStarted as number)) * 100) / 100,
      },
      'request',
    );
  }
  return (req, res, next) => {
    res.locals.requestStarted = performance.now();
    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && SAFE_ID.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    res.on('finish', logAnswer);
    next();
  };
}
