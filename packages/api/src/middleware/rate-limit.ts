import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Logger } from 'pino';
import { HttpProblem } from './http-problem.js';

/** Per-client request quota; over it, a 429 problem with Retry-After and the IETF RateLimit headers. */
export function rateLimiter(options: { windowMs: number; max: number }, logger: Logger, exempt: readonly string[]): RequestHandler {
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.max,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    logger,
    skip: (req) => exempt.includes(req.path),
    handler: (_req, res, next) => {
      next(
        new HttpProblem(
          429,
          'Too many requests',
          `At most ${options.max} requests per ${options.windowMs / 1000} s; retry after ${res.get('Retry-After')} s`,
        ),
      );
    },
  });
}
