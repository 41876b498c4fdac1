import express from 'express';
import request from 'supertest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HttpProblem } from './http-problem.js';
import { rateLimiter } from './rate-limit.js';

function appWith(max: number, windowMs = 60_000, trustProxy: boolean | number = true) {
  const app = express();
  // Tests pick the client address with X-Forwarded-For.
  app.set('trust proxy', trustProxy);
  app.use(rateLimiter({ windowMs, max }, ['/healthz']));
  app.get('/healthz', (_req, res) => void res.send('ok'));
  app.get('/x', (_req, res) => void res.send('x'));
  app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const problem = error as HttpProblem;
    res.status(problem.status).send(problem.message);
  });
  return app;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('rateLimiter', () => {
  it('counts requests per client and answers the IETF draft-7 RateLimit headers', async () => {
    const app = appWith(3);
    const res = await request(app).get('/x');
    expect(res.status).toBe(200);
    expect(res.headers.ratelimit).toBe('limit=3, remaining=2, reset=60');
    expect(res.headers['ratelimit-policy']).toBe('3;w=60');
    expect((await request(app).get('/x')).headers.ratelimit).toBe('limit=3, remaining=1, reset=60');
  });

  it('past the quota: a 429 problem with Retry-After, until the window is over', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const app = appWith(2);
    for (let i = 0; i < 2; i++) expect((await request(app).get('/x')).status).toBe(200);
    const refused = await request(app).get('/x');
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('60');
    expect(refused.headers.ratelimit).toBe('limit=2, remaining=0, reset=60');
    expect(refused.text).toMatch(/At most 2 requests per 60 s/);
    vi.setSystemTime(Date.now() + 60_000);
    expect((await request(app).get('/x')).status).toBe(200);
  });

  it('leaves exempt paths alone, uncounted', async () => {
    const app = appWith(1);
    for (let i = 0; i < 3; i++) expect((await request(app).get('/healthz')).headers.ratelimit).toBeUndefined();
    expect((await request(app).get('/x')).status).toBe(200);
  });

  it('states the window in seconds', async () => {
    const short = await request(appWith(5, 1_000)).get('/x');
    expect(short.headers.ratelimit).toBe('limit=5, remaining=4, reset=1');
    expect(short.headers['ratelimit-policy']).toBe('5;w=1');
    const long = await request(appWith(5, 7_200_000)).get('/x');
    expect(long.headers.ratelimit).toBe('limit=5, remaining=4, reset=7200');
    expect(long.headers['ratelimit-policy']).toBe('5;w=7200');
  });

  it('counts each client on its own: an IPv4 address, an IPv6 one by its /56 subnet', async () => {
    const app = appWith(1);
    const from = (ip: string) => request(app).get('/x').set('X-Forwarded-For', ip);
    expect((await from('203.0.113.7')).status).toBe(200);
    expect((await from('203.0.113.7')).status).toBe(429);
    expect((await from('203.0.113.8')).status).toBe(200);
    expect((await from('::ffff:203.0.113.9')).status).toBe(200);
    expect((await from('203.0.113.9')).status).toBe(429);
    expect((await from('2001:db8:0:1200::1')).status).toBe(200);
    // Same /56 (2001:db8:0:1200::/56), another host: the same client.
    expect((await from('2001:db8:0:12ff:ffff::2')).status).toBe(429);
    // The next /56.
    expect((await from('2001:db8:0:1300::1')).status).toBe(200);
  });

  it("counts by Express's req.ip, with and without X-Forwarded-For, whatever 'trust proxy' says", async () => {
    // The socket's address (supertest's 127.0.0.1 or ::1) without the header, or when no proxy is trusted.
    for (const trust of [false, 0, true, 1]) {
      const app = appWith(1, 60_000, trust);
      expect((await request(app).get('/x')).status).toBe(200);
      expect((await request(app).get('/x')).status).toBe(429);
      const forwarded = await request(app).get('/x').set('X-Forwarded-For', '203.0.113.7');
      expect(forwarded.status).toBe(trust === false || trust === 0 ? 429 : 200);
    }
    // One trusted hop: the address the proxy saw, not the one the client claims before it.
    const app = appWith(1, 60_000, 1);
    expect((await request(app).get('/x').set('X-Forwarded-For', '198.51.100.1, 203.0.113.8')).status).toBe(200);
    expect((await request(app).get('/x').set('X-Forwarded-For', '198.51.100.2, 203.0.113.8')).status).toBe(429);
  });

  it("counts the window from the client's first request and says how much of it is left", async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const app = appWith(2);
    expect((await request(app).get('/x')).headers.ratelimit).toBe('limit=2, remaining=1, reset=60');
    vi.setSystemTime(Date.now() + 30_500);
    expect((await request(app).get('/x')).headers.ratelimit).toBe('limit=2, remaining=0, reset=30');
    vi.setSystemTime(Date.now() + 20_000);
    const refused = await request(app).get('/x');
    expect(refused.headers.ratelimit).toBe('limit=2, remaining=0, reset=10');
    expect(refused.headers['retry-after']).toBe('10');
    expect(refused.text).toBe('At most 2 requests per 60 s; retry after 10 s');
  });
});
