import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import type { RateLimiterRes } from 'rate-limiter-flexible';
import RateLimiterMemory from 'rate-limiter-flexible/lib/RateLimiterMemory.js';
import { HttpProblem } from './http-problem.js';

// rate-limiter-flexible's in-memory limiter: state is per process, so behind several workers or
// machines each counts its own share; set the limit per instance (or give it a shared store).
// Its window is per client, from the client's first request (as express-rate-limit's MemoryStore).

const KEY_MEMO_LIMIT = 10_000;
const clientKeys = new Map<string, string>();

/**
 * express-rate-limit's `ipKeyGenerator` (the address, an IPv6 one by its /56 subnet), remembered per
 * address: it parses the address with `ip-address` on every request otherwise, and a server
 * listening on `::` sees even IPv4 clients as IPv6 (`::ffff:…`).
 */
function clientKey(req: Request): string {
  const ip = clientAddress(req) ?? '';
  let key = clientKeys.get(ip);
  if (key === undefined) {
    key = ipKeyGenerator(ip);
    if (clientKeys.size >= KEY_MEMO_LIMIT) clientKeys.clear();
    clientKeys.set(ip, key);
  }
  return key;
}

/**
 * `req.ip`. Without an X-Forwarded-For header that is the socket's address whatever 'trust proxy'
 * says (proxy-addr's list of addresses is the socket's alone), so the header is not parsed.
 */
const clientAddress = (req: Request): string | undefined =>
  req.headers['x-forwarded-for'] === undefined ? req.socket.remoteAddress : req.ip;

/** Whole seconds until the client's window is over (as express-rate-limit rounds them). */
const secondsLeft = (state: RateLimiterRes) => Math.max(0, Math.ceil(state.msBeforeNext / 1000));

/**
 * Per-client request quota, counted by rate-limiter-flexible; over it, a 429 problem with
 * Retry-After. Every counted answer carries the IETF draft-7 headers
 * (`RateLimit: limit=…, remaining=…, reset=…`, `RateLimit-Policy: limit;w=window seconds`).
 */
export function rateLimiter(options: { windowMs: number; max: number }, exempt: readonly string[]): RequestHandler {
  const exempted = new Set(exempt);
  const { max, windowMs } = options;
  const limiter = new RateLimiterMemory({ points: max, duration: windowMs / 1000, keyPrefix: '' });
  const policy = `${max};w=${Math.ceil(windowMs / 1000)}`;
  const withHeaders = (res: Response, state: RateLimiterRes) => {
    if (res.headersSent) return;
    res.setHeader('RateLimit-Policy', policy);
    res.setHeader('RateLimit', `limit=${max}, remaining=${state.remainingPoints}, reset=${secondsLeft(state)}`);
  };
  return (req, res, next) => {
    // Exempt paths are neither counted nor answered with the headers.
    if (exempted.has(req.path)) {
      next();
      return;
    }
    limiter.consume(clientKey(req)).then(
      (state) => {
        withHeaders(res, state);
        next();
      },
      (refused: unknown) => {
        // The memory limiter rejects with its state when the quota is used up, with an Error on a bug.
        if (refused instanceof Error) {
          next(refused);
          return;
        }
        const state = refused as RateLimiterRes;
        withHeaders(res, state);
        const retryAfter = secondsLeft(state);
        if (!res.headersSent) res.setHeader('Retry-After', String(retryAfter));
        next(new HttpProblem(429, 'Too many requests', `At most ${max} requests per ${windowMs / 1000} s; retry after ${retryAfter} s`));
      },
    );
  };
}
