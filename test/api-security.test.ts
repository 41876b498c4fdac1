// Security headers on every kind of answer, down to the requests Node's parser refuses; CORS only
// for configured origins; limits; nothing internal in any answer.
import { connect } from 'node:net';
import { listen } from '@paylens/api';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLogs, failingRoute, testApp } from './support.js';

const boom = failingRoute(new Error('ENOENT: /srv/paylens/node_modules/express/lib/x.js'));

function expectSecurityHeaders(res: { headers: Record<string, unknown> }, what: string) {
  expect(res.headers['x-powered-by'], what).toBeUndefined();
  expect(res.headers['x-content-type-options'], what).toBe('nosniff');
  expect(res.headers['content-security-policy'], what).toMatch(/default-src '(none|self)'/);
  expect(res.headers['content-security-policy'], what).toContain("frame-ancestors 'none'");
  expect(res.headers['x-frame-options'], what).toBe('SAMEORIGIN');
}

describe('security headers on every answer', () => {
  it('200, 304, 400, 404, 405, 413, 415, 422, 429, 500, OPTIONS, /openapi.json and /docs', async () => {
    const { app } = testApp({ config: { bodyLimit: '1kb', rateLimit: { windowMs: 60_000, max: 1_000 } } });
    const { app: failing } = testApp({ routes: [boom] });
    const { app: limited } = testApp({ config: { rateLimit: { windowMs: 60_000, max: 1 } } });
    const etag = (await request(app).get('/v1/roles')).headers.etag ?? '';
    await request(limited).get('/v1/roles');
    const answers: [string, request.Response, number][] = [
      ['200', await request(app).get('/v1/estimates?level=mid'), 200],
      ['304', await request(app).get('/v1/roles').set('If-None-Match', etag), 304],
      ['400', await request(app).get('/v1/estimates?level=NOT%20OK'), 400],
      ['404', await request(app).get('/nowhere'), 404],
      ['405', await request(app).delete('/v1/roles'), 405],
      [
        '413',
        await request(app)
          .post('/v1/estimates')
          .send({ level: 'x'.repeat(5_000) }),
        413,
      ],
      ['415', await request(app).post('/v1/estimates').set('Content-Type', 'text/plain').send('x'), 415],
      ['422', await request(app).post('/v1/estimates').send({ level: 'director' }), 422],
      ['429', await request(limited).get('/v1/roles'), 429],
      ['500', await request(failing).get('/boom'), 500],
      ['OPTIONS', await request(app).options('/v1/estimates'), 204],
      ['openapi', await request(app).get('/openapi.json'), 200],
      ['docs', await request(app).get('/docs/'), 200],
    ];
    for (const [what, res, status] of answers) {
      expect(res.status, what).toBe(status);
      expectSecurityHeaders(res, what);
      if (status >= 400) expect(res.type, what).toBe('application/problem+json');
    }
  });

  it('no answer names a library, a file or a stack frame', async () => {
    const { app: failing } = testApp({ routes: [boom] });
    const { app } = testApp({ config: { bodyLimit: '1kb' } });
    const bodies = [
      (await request(failing).get('/boom')).text,
      (await request(app).post('/v1/estimates').set('Content-Type', 'application/json').send('{"level":')).text,
      (await request(app).post('/v1/estimates').set('Content-Type', 'application/json').set('Content-Encoding', 'gzip').send('{}')).text,
      (await request(app).post('/v1/estimates').set('Content-Type', 'application/json; charset=utf-16').send('{}')).text,
      (await request(app).get('/v1/roles/%E0%A4%A')).text,
    ];
    for (const text of bodies) expect(text).not.toMatch(/express|zod|body-parser|node_modules|ENOENT|\/srv\/|\.js\b|\bat \S+ \(|\n\s+at /i);
  });
});

describe('requests refused by the HTTP parser', () => {
  const { app } = testApp();
  let port = 0;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const running = await listen(app, { port: 0, host: '127.0.0.1', logger: captureLogs().logger });
    port = running.port;
    close = running.close;
  });
  afterAll(() => close());

  const raw = (text: string) =>
    new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.end(text));
      let answer = '';
      socket.on('data', (d) => {
        answer += d;
      });
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
    });

  it('headers over the limit → 431 problem with the security headers', async () => {
    const answer = await raw(`GET /v1/roles?${'a=1&'.repeat(5_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(answer).toMatch(/content-type: application\/problem\+json/i);
    expect(answer).toMatch(/x-content-type-options: nosniff/i);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({
      status: 431,
      title: 'Request Header Fields Too Large',
    });
  });

  it('a HEAD request over the limit gets the status without a body', async () => {
    const answer = await raw(`HEAD /v1/roles?${'a=1&'.repeat(5_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    expect(answer.endsWith('\r\n\r\n')).toBe(true);
  });

  it('a malformed request → 400 problem, and the server carries on', async () => {
    const answer = await raw('GARBAGE\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 400 });
    expect(await raw('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1\.1 200 /);
  });
});

describe('CORS only for configured origins', () => {
  it('a preflight from another origin gets no allowance; a configured origin gets exactly its own', async () => {
    const { app } = testApp({ config: { corsOrigins: ['https://app.example'] } });
    const other = await request(app)
      .options('/v1/offers/benchmark')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    expect(other.headers['access-control-allow-credentials']).toBeUndefined();
    const own = await request(app).post('/v1/estimates').set('Origin', 'https://app.example').send({ level: 'mid' });
    expect(own.headers['access-control-allow-origin']).toBe('https://app.example');
    expect(own.headers.vary).toMatch(/origin/i);
    const wildcard = await request(app).get('/v1/roles').set('Origin', 'null');
    expect(wildcard.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('limits', () => {
  it('rate limit: 429 with Retry-After on every route past the quota, problems included', async () => {
    const { app } = testApp({ config: { rateLimit: { windowMs: 60_000, max: 2 } } });
    await request(app).get('/nowhere');
    await request(app).post('/v1/estimates').send({ level: 'nope nope' });
    for (const res of [await request(app).get('/v1/roles'), await request(app).post('/v1/offers/benchmark').send({})]) {
      expect(res.status).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
  });

  it('the body limit holds for JSON of any shape, and a query with 1,000+ keys is refused cleanly', async () => {
    const { app } = testApp({ config: { bodyLimit: '1kb' } });
    const deep = `${'['.repeat(600)}${']'.repeat(600)}`;
    expect((await request(app).post('/v1/estimates').set('Content-Type', 'application/json').send(deep)).status).toBe(413);
    const many = Array.from({ length: 1_200 }, (_, i) => `k${i}=1`).join('&');
    const res = await request(app).get(`/v1/estimates?${many}`);
    expect(res.status).toBe(400);
    expect(res.type).toBe('application/problem+json');
  });
});
