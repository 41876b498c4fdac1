import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { HttpProblem } from './http-problem.js';

// express-rate-limit with its in-memory store: state is per process, so behind several workers or
// machines each counts its own share; set the limit per instance (or give it a shared store).

const KEY_MEMO_LIMIT = 10_000;
const clientKeys = new Map<string, string>();

/**
 * express-rate-limit's default key (its `ipKeyGenerator`: the address, an IPv6 one by its /56
 * subnet), remembered per address: it parses the address with `ip-address` on every request
 * otherwise, and a server listening on `::` sees even IPv4 clients as IPv6 (`::ffff:…`).
 */
function clientKey(req: Request): string {
  const ip = req.ip ?? '';
  let key = clientKeys.get(ip);
  if (key === undefined) {
    key = ipKeyGenerator(ip);
    if (clientKeys.size >= KEY_MEMO_LIMIT) clientKeys.clear();
    clientKeys.set(ip, key);
  }
  return key;
}

/** Per-client request quota; over it, a 429 problem with Retry-After and the IETF RateLimit headers. */
export function rateLimiter(options: { windowMs: number; max: number }, exempt: readonly string[]): RequestHandler {
  const exempted = new Set(exempt);
  // draft-7 headers (`RateLimit: limit=…, remaining=…, reset=…`, `RateLimit-Policy: q;w=…`): draft-8's
  // partition key costs a SHA-256 of the client key on every request.
  const limiter = rateLimit({
    windowMs: options.windowMs,
    limit: options.max,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: clientKey,
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
  // Exempt paths never reach the limiter (its `skip` option would cost a promise hop on every request).
  return (req, res, next) => (exempted.has(req.path) ? next() : limiter(req, res, next));
}
