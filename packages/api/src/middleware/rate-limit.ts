import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { HttpProblem } from './http-problem.js';

// A fixed window per client, counted in memory, with the IETF RateLimit headers (draft 8), as
// express-rate-limit does; written out because this runs on every request and express-rate-limit
// costs several promise hops and a SHA-256 per request. Clients are keyed as express-rate-limit
// keys them (its ipKeyGenerator: IPv6 addresses by /56 subnet). State is per process: behind
// several processes or machines each counts its own share, so set the limit per instance.

interface Client {
  hits: number;
  resetAt: number;
  /** The RateLimit-Policy header: fixed for a client, so built once. */
  readonly policy: string;
}

/** `60000` → `1min`, as express-rate-limit names a window. */
function windowName(windowMs: number): string {
  const seconds = windowMs / 1000;
  const minutes = seconds / 60;
  const hours = minutes / 60;
  const days = hours / 24;
  if (seconds < 60) return `${seconds}sec`;
  if (minutes < 60) return `${minutes}min`;
  if (hours < 24) return `${hours}hr${hours > 1 ? 's' : ''}`;
  return `${days}day${days > 1 ? 's' : ''}`;
}

/** The partition key of draft 8: a short, non-reversible name for the client. */
function partitionKey(key: string): string {
  return Buffer.from(createHash('sha256').update(key).digest('hex').slice(0, 12)).toString('base64');
}

/** Per-client request quota; over it, a 429 problem with Retry-After and the IETF RateLimit headers. */
export function rateLimiter(options: { windowMs: number; max: number }, exempt: readonly string[]): RequestHandler {
  const { windowMs, max } = options;
  const name = `"${max}-in-${windowName(windowMs)}"`;
  const windowSeconds = Math.ceil(windowMs / 1000);
  const clients = new Map<string, Client>();
  const exempted = new Set(exempt);

  // Forget clients whose window is over, so the map holds only the clients of the last window.
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const [key, client] of clients) if (client.resetAt <= now) clients.delete(key);
  }, windowMs);
  sweep.unref();

  return (req, res, next) => {
    if (exempted.has(req.path)) {
      next();
      return;
    }
    const ip = req.ip ?? req.socket.remoteAddress ?? '';
    const key = ip.includes(':') ? ipKeyGenerator(ip) : ip;
    const now = Date.now();
    let client = clients.get(key);
    if (!client) {
      client = { hits: 0, resetAt: now + windowMs, policy: `${name}; q=${max}; w=${windowSeconds}; pk=:${partitionKey(key)}:` };
      clients.set(key, client);
    } else if (client.resetAt <= now) {
      client.hits = 0;
      client.resetAt = now + windowMs;
    }
    client.hits++;
    const resetSeconds = Math.max(0, Math.ceil((client.resetAt - now) / 1000));
    res.setHeader('RateLimit', `${name}; r=${Math.max(max - client.hits, 0)}; t=${resetSeconds}`);
    res.setHeader('RateLimit-Policy', client.policy);
    if (client.hits <= max) {
      next();
      return;
    }
    res.setHeader('Retry-After', String(resetSeconds));
    next(new HttpProblem(429, 'Too many requests', `At most ${max} requests per ${windowMs / 1000} s; retry after ${resetSeconds} s`));
  };
}
