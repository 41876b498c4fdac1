import express from 'express';
import request from 'supertest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HttpProblem } from './http-problem.js';
import { rateLimiter } from './rate-limit.js';

function appWith(max: number, windowMs = 60_000) {
  const app = express();
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
  it('counts requests per client and answers the IETF draft-8 headers', async () => {
    const app = appWith(3);
    const res = await request(app).get('/x');
    expect(res.status).toBe(200);
    expect(res.headers.ratelimit).toBe('"3-in-1min"; r=2; t=60');
    expect(res.headers['ratelimit-policy']).toMatch(/^"3-in-1min"; q=3; w=60; pk=:[A-Za-z0-9+/=]+:$/);
    expect((await request(app).get('/x')).headers.ratelimit).toBe('"3-in-1min"; r=1; t=60');
  });

  it('past the quota: a 429 problem with Retry-After, until the window is over', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const app = appWith(2);
    for (let i = 0; i < 2; i++) expect((await request(app).get('/x')).status).toBe(200);
    const refused = await request(app).get('/x');
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('60');
    expect(refused.headers.ratelimit).toBe('"2-in-1min"; r=0; t=60');
    expect(refused.text).toMatch(/At most 2 requests per 60 s/);
    vi.setSystemTime(Date.now() + 60_000);
    expect((await request(app).get('/x')).status).toBe(200);
  });

  it('leaves exempt paths alone, uncounted', async () => {
    const app = appWith(1);
    for (let i = 0; i < 3; i++) expect((await request(app).get('/healthz')).headers.ratelimit).toBeUndefined();
    expect((await request(app).get('/x')).status).toBe(200);
  });

  it('names the window as express-rate-limit does', async () => {
    expect((await request(appWith(5, 1_000)).get('/x')).headers.ratelimit).toBe('"5-in-1sec"; r=4; t=1');
    expect((await request(appWith(5, 7_200_000)).get('/x')).headers.ratelimit).toBe('"5-in-2hrs"; r=4; t=7200');
  });
});
