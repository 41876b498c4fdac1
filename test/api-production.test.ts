// Production habits: security headers, CORS, rate limits, request ids, logs without pay, caching.
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { testApp } from './support.js';

describe('security headers', () => {
  const { app } = testApp();

  it('helmet headers with a strict CSP on the API, and no x-powered-by', async () => {
    const res = await request(app).get('/v1/roles');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeDefined();
  });

  it('/docs is served from this origin only, with its own assets', async () => {
    expect((await request(app).get('/docs')).headers.location).toBe('/docs/');
    const page = await request(app).get('/docs/');
    expect(page.status).toBe(200);
    const csp = page.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(page.text).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    for (const asset of ['swagger-ui-bundle.js', 'swagger-ui.css', 'swagger-ui-init.js']) {
      expect((await request(app).get(`/docs/${asset}`)).status, asset).toBe(200);
    }
    expect((await request(app).get('/docs/swagger-ui-init.js')).text).toContain('"/openapi.json"');
  });
});

describe('CORS', () => {
  it('answers only the configured origins', async () => {
    const { app } = testApp({ config: { corsOrigins: ['https://app.example'] } });
    const ok = await request(app).get('/v1/roles').set('Origin', 'https://app.example');
    expect(ok.headers['access-control-allow-origin']).toBe('https://app.example');
    const other = await request(app).get('/v1/roles').set('Origin', 'https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await request(app)
      .options('/v1/estimates')
      .set('Origin', 'https://app.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toContain('POST');
  });

  it('sends no CORS headers when no origin is configured', async () => {
    const { app } = testApp();
    expect(
      (await request(app).get('/v1/roles').set('Origin', 'https://app.example')).headers['access-control-allow-origin'],
    ).toBeUndefined();
  });
});

describe('rate limiting', () => {
  it('429 problem with Retry-After and RateLimit headers past the quota; health probes exempt', async () => {
    const { app } = testApp({ config: { rateLimit: { windowMs: 60_000, max: 2 } } });
    for (let i = 0; i < 2; i++) expect((await request(app).get('/v1/skills')).status).toBe(200);
    const res = await request(app).get('/v1/skills');
    expect(res.status).toBe(429);
    expect(res.type).toBe('application/problem+json');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.headers.ratelimit).toBeDefined();
    expect(res.headers['ratelimit-policy']).toBeDefined();
    expect((await request(app).get('/healthz')).status).toBe(200);
  });
});

describe('request ids and logs', () => {
  it('echoes a sane X-Request-Id and generates one otherwise', async () => {
    const { app } = testApp();
    expect((await request(app).get('/healthz').set('X-Request-Id', 'abc-123')).headers['x-request-id']).toBe('abc-123');
    const generated = (await request(app).get('/healthz').set('X-Request-Id', 'bad id; <script>')).headers['x-request-id'];
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs method, route pattern, status, duration and id — never amounts, query strings or bodies', async () => {
    const { app, logs } = testApp();
    await request(app)
      .post('/v1/offers/benchmark')
      .set('X-Request-Id', 'offer-1')
      .send({ level: 'mid', offer: { base: 91_234, bonus: 4_321 } });
    await request(app).get('/v1/estimates?level=mid&yearsExperience=7&skills=dicom').set('X-Request-Id', 'est-1');
    await request(app)
      .post('/v1/offers/benchmark')
      .send({ offer: { base: -98_765 } });
    await request(app).post('/v1/offers/benchmark').set('Content-Type', 'application/json').send('{"offer":{"base":87654');
    await request(app).get('/v1/regions/us-xx');
    const text = logs.join('\n');
    expect(logs.length).toBe(5);
    for (const secret of ['91234', '91,234', '4321', '98765', '87654', 'yearsExperience', 'dicom', 'us-xx', '?']) {
      expect(text, secret).not.toContain(secret);
    }
    const first = JSON.parse(logs[0] ?? '{}');
    expect(first).toMatchObject({ reqId: 'offer-1', method: 'POST', route: '/v1/offers/benchmark', status: 200 });
    expect(first.durationMs).toEqual(expect.any(Number));
    expect(Object.keys(first).sort()).toEqual([
      'durationMs',
      'hostname',
      'level',
      'method',
      'msg',
      'pid',
      'reqId',
      'route',
      'status',
      'time',
    ]);
    expect(JSON.parse(logs[4] ?? '{}')).toMatchObject({ route: '/v1/regions/{id}', status: 404 });
  });
});

describe('caching of catalogue GETs', () => {
  it('ETag and Cache-Control, 304 on If-None-Match', async () => {
    const { app } = testApp();
    const first = await request(app).get('/v1/regions?kind=state');
    expect(first.headers.etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=300');
    const again = await request(app)
      .get('/v1/regions?kind=state')
      .set('If-None-Match', first.headers.etag ?? '');
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    const other = await request(app).get('/v1/regions?kind=metro');
    expect(other.headers.etag).not.toBe(first.headers.etag);
    const doc = await request(app).get('/openapi.json');
    expect(
      (
        await request(app)
          .get('/openapi.json')
          .set('If-None-Match', doc.headers.etag ?? '')
      ).status,
    ).toBe(304);
  });

  it('estimates are not marked cacheable', async () => {
    const { app } = testApp();
    expect((await request(app).get('/v1/estimates')).headers.etag).toBeUndefined();
  });
});
