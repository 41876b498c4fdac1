// What each piece of the production middleware costs per request, in process: Express apps driven
// through fake sockets (no network, no kernel), so the figures are the JavaScript's own. Variants:
//   bare          Express 5 answering the API's own body, precomputed (as bench/bare-app.ts)
//   bare+log      the same with the request log (pino, the server's destination to /dev/null)
//   bare+helmet   the same with the security headers
//   bare+limit    the same with the rate limiter (rate-limiter-flexible; limit out of reach)
//   bare+all      the three together, in one router layer as in the API
//   api           createApp as in production (NODE_ENV=production)
//
//   node --import tsx bench/middleware-cost.ts [get|post] [--requests=N] [--rounds=R] [--only=a,b]
//     CPU µs per request (process.cpuUsage), rounds alternating the order of the variants; medians.
//   bash bench/middleware-instructions.sh [get|post] [N]
//     instructions per request under valgrind's callgrind, one process per variant: repeatable to
//     a few per cent whatever else the machine runs (this script with CALLGRIND=1).
import { execFileSync } from 'node:child_process';
import { openSync } from 'node:fs';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Duplex } from 'node:stream';
import { createApp, readConfig } from '@paylens/api';
import { getDefaultDataset } from '@paylens/core';
import express, { type RequestHandler } from 'express';
import { pino } from 'pino';
import { createLogDestination } from '../packages/api/src/log-destination.js';
import { inSequence } from '../packages/api/src/middleware/in-sequence.js';
import { rateLimiter } from '../packages/api/src/middleware/rate-limit.js';
import { requestLog } from '../packages/api/src/middleware/request-log.js';
import { securityHeaders } from '../packages/api/src/middleware/security.js';
import { BENCHMARK_BODY, ESTIMATE_PATH } from './lib/requests.mjs';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A socket that takes whatever is written and counts it. */
class FakeSocket extends Duplex {
  readonly remoteAddress = '::ffff:127.0.0.1';
  readonly remotePort = 5555;
  override _read(): void {}
  override _write(_chunk: unknown, _encoding: string, callback: () => void): void {
    callback();
  }
  override _writev(_chunks: unknown[], callback: () => void): void {
    callback();
  }
  setTimeout(): this {
    return this;
  }
  setNoDelay(): this {
    return this;
  }
  setKeepAlive(): this {
    return this;
  }
}

const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const post = args[0] === 'post';
const requests = Number(option('requests') ?? 20_000);
const rounds = Number(option('rounds') ?? 9);
const sockets = Array.from({ length: 10 }, () => new FakeSocket());

/** One request through `app`, answered when the response finishes. */
function one(app: Handler, socket: FakeSocket, capture?: (body: string) => void): Promise<void> {
  const req = new IncomingMessage(socket as never);
  req.method = post ? 'POST' : 'GET';
  req.url = post ? '/v1/offers/benchmark' : ESTIMATE_PATH;
  req.httpVersionMajor = 1;
  req.httpVersionMinor = 1;
  req.httpVersion = '1.1';
  req.headers = post
    ? { host: '127.0.0.1', 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(BENCHMARK_BODY)) }
    : { host: '127.0.0.1' };
  if (post) req.push(Buffer.from(BENCHMARK_BODY));
  req.push(null);
  req.complete = true;
  const res = new ServerResponse(req);
  res.shouldKeepAlive = true;
  const chunks: Buffer[] = [];
  if (capture) {
    const end = res.end.bind(res) as (...a: unknown[]) => ServerResponse;
    (res as { end: (...a: unknown[]) => ServerResponse }).end = (chunk?: unknown, ...rest: unknown[]) => {
      if (chunk !== undefined && typeof chunk !== 'function') chunks.push(Buffer.from(chunk as string));
      return end(chunk, ...rest);
    };
  }
  const done = new Promise<void>((resolve) => res.once('finish', resolve));
  res.assignSocket(socket as never);
  app(req, res);
  return done.then(() => {
    res.detachSocket(socket as never);
    capture?.(Buffer.concat(chunks).toString('utf8'));
  });
}

const devNull = openSync('/dev/null', 'w');
// The server's destination (packages/api/src/server.ts), writing to /dev/null.
const logger = () => pino({ level: 'info' }, createLogDestination({ dest: devNull }));
const config = readConfig({ NODE_ENV: 'production', RATE_LIMIT_MAX: '1000000000', LOG_LEVEL: 'info' });
const api = createApp({ dataset: getDefaultDataset(), config, logger: logger() }) as unknown as Handler;
let body = '';
await one(api, sockets[0] as FakeSocket, (text) => {
  body = text;
});
if (!body.startsWith('{')) throw new Error(`the API answered ${body.slice(0, 200)}`);

function bareWith(middleware: RequestHandler[]): Handler {
  const app = express();
  app.set('etag', false);
  if (middleware.length > 0) app.use(inSequence(middleware));
  app.get('/v1/estimates', (_req, res) => {
    res.type('application/json').send(body);
  });
  app.post('/v1/offers/benchmark', express.json(), (_req, res) => {
    res.type('application/json').send(body);
  });
  return app as unknown as Handler;
}
const limit = () => rateLimiter({ windowMs: 60_000, max: 1e9 }, ['/healthz', '/readyz']);
const variants: Record<string, () => Handler> = {
  bare: () => bareWith([]),
  'bare+log': () => bareWith([requestLog(logger())]),
  'bare+helmet': () => bareWith([securityHeaders('/docs')]),
  'bare+limit': () => bareWith([limit()]),
  'bare+all': () => bareWith([requestLog(logger()), securityHeaders('/docs'), limit()]),
  api: () => api,
};
const only = option('only')?.split(',') ?? Object.keys(variants);
for (const name of only)
  if (!(name in variants)) throw new Error(`unknown variant '${name}'; variants: ${Object.keys(variants).join(', ')}`);
const apps = Object.fromEntries(only.map((name) => [name, (variants[name] as () => Handler)()]));

/** CPU µs per request over `count` requests, ten at a time. */
async function run(app: Handler, count: number): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < count; i += sockets.length) await Promise.all(sockets.map((socket) => one(app, socket)));
  const used = process.cpuUsage(start);
  return (used.user + used.system) / count;
}

if (process.env.CALLGRIND) {
  // Under `valgrind --tool=callgrind --instr-atstart=no`: count only the measured requests.
  for (const [name, app] of Object.entries(apps)) {
    await run(app, 5_000);
    execFileSync('callgrind_control', ['-i', 'on', String(process.pid)], { stdio: 'ignore' });
    await run(app, requests);
    execFileSync('callgrind_control', ['-i', 'off', String(process.pid)], { stdio: 'ignore' });
    execFileSync('callgrind_control', ['-d', name, String(process.pid)], { stdio: 'ignore' });
  }
  process.exit(0);
}

for (const app of Object.values(apps)) await run(app, 5_000);
const results: Record<string, number[]> = Object.fromEntries(Object.keys(apps).map((name) => [name, []]));
for (let r = 0; r < rounds; r++) {
  const names = r % 2 === 0 ? Object.keys(apps) : Object.keys(apps).reverse();
  for (const name of names) results[name]?.push(await run(apps[name] as Handler, requests));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const bare = results.bare ? median(results.bare) : undefined;
for (const [name, xs] of Object.entries(results)) {
  const m = median(xs);
  console.log(
    `${post ? 'POST' : 'GET'} ${name.padEnd(12)} ${m.toFixed(1).padStart(7)} µs CPU/request${bare ? `  (bare ÷ this: ${(bare / m).toFixed(2)})` : ''}`,
  );
}
process.exit(0);
