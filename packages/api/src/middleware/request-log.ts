import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

const SAFE_ID = /^[\w.:-]{1,128}$/;

/**
 * Gives every request an id (the client's X-Request-Id when it is sane, else a new UUID), echoes it,
 * and logs one line per request when the answer is sent. The line holds the method, the route
 * pattern (never the URL: query strings can carry pay figures), status, duration and id — and
 * nothing from the body.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    const incoming = req.get('x-request-id');
    const requestId = incoming && SAFE_ID.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    res.on('finish', () => {
      logger.info(
        {
          reqId: requestId,
          method: req.method,
          route: (res.locals.route as string | undefined) ?? null,
          status: res.statusCode,
          durationMs: Math.round((performance.now() - started) * 100) / 100,
        },
        'request',
      );
    });
    next();
  };
}
