import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { failingRoute, testApp } from './support.js';

const { app } = testApp({ config: { bodyLimit: '1kb' } });

function expectProblem(res: request.Response, status: number) {
  expect(res.status, res.text).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String) });
  expect(res.text).not.toMatch(/<html|\bat \w+ \(|node_modules|\/work\/|express|zod/i);
  return res.body as { errors?: { path: string; message: string }[]; detail: string; instance?: string };
}

describe('bad input → 400 naming each field', () => {
  it('query: every bad field and unknown parameters', async () => {
    const body = expectProblem(
      await request(app).get('/v1/estimates?yearsExperience=ten&region=Not%20an%20id&asOf=2025-13-45&color=red'),
      400,
    );
    expect(body.errors?.map((e) => e.path)).toEqual(expect.arrayContaining(['yearsExperience', 'region', 'asOf', 'color']));
  });

  it('body: nested paths such as offer.base', async () => {
    const body = expectProblem(
      await request(app)
        .post('/v1/offers/benchmark')
        .send({ level: 'mid', offer: { base: -5 }, extra: 1 }),
      400,
    );
    expect(body.errors?.map((e) => e.path)).toEqual(expect.arrayContaining(['offer.base', 'extra']));
  });

  it('a missing body is invalid input, not a crash', async () => {
    expectProblem(await request(app).post('/v1/offers/benchmark'), 400);
  });

  it('list items are named by index', async () => {
    const body = expectProblem(await request(app).get('/v1/estimates?skills=dicom,NOT_OK'), 400);
    expect(body.errors?.[0]?.path).toBe('skills.1');
  });
});

describe('unknown ids', () => {
  it('in the path → 404 naming the value', async () => {
    for (const url of ['/v1/roles/nurse', '/v1/regions/us-xx']) {
      const body = expectProblem(await request(app).get(url), 404);
      expect(body.detail).toContain(url.split('/').pop());
    }
  });

  it('in the query or body → 400 naming the field and the value', async () => {
    let body = expectProblem(await request(app).get('/v1/estimates?region=us-xx'), 400);
    expect(body.errors).toEqual([{ path: 'region', message: expect.stringContaining("'us-xx'") }]);
    body = expectProblem(await request(app).get('/v1/levels?role=nurse'), 400);
    expect(body.errors?.[0]?.path).toBe('role');
    body = expectProblem(
      await request(app)
        .post('/v1/estimates')
        .send({ skills: ['dicom', 'juggling'] }),
      400,
    );
    expect(body.errors).toEqual([{ path: 'skills.1', message: expect.stringContaining("'juggling'") }]);
  });
});

describe('no data and inconsistent queries → 422 naming the field', () => {
  it('director has no figure', async () => {
    expect(expectProblem(await request(app).post('/v1/estimates').send({ level: 'director' }), 422).errors?.[0]?.path).toBe('level');
  });

  it('manager with 3 years contradicts the ladder', async () => {
    const res = await request(app)
      .post('/v1/offers/benchmark')
      .send({ level: 'manager', yearsExperience: 3, offer: { base: 1 } });
    expect(expectProblem(res, 422).errors?.[0]?.path).toBe('yearsExperience');
  });
});

describe('HTTP-level failures', () => {
  it('malformed JSON → 400 without echoing the body', async () => {
    const res = await request(app).post('/v1/estimates').set('Content-Type', 'application/json').send('{"level": "mid", 91234');
    expect(expectProblem(res, 400).detail).not.toContain('91234');
  });

  it('wrong content type → 415', async () => {
    expectProblem(await request(app).post('/v1/estimates').set('Content-Type', 'text/plain').send('level=mid'), 415);
    expectProblem(await request(app).post('/v1/estimates').type('form').send({ level: 'mid' }), 415);
  });

  it('body over the limit → 413', async () => {
    expectProblem(
      await request(app)
        .post('/v1/estimates')
        .send({ level: 'x'.repeat(2_000) }),
      413,
    );
  });

  it('a path that is not valid percent-encoding → 400, not 500 (found by fuzzing)', async () => {
    for (const url of ['/v1/regions/%E0%A4%A', '/v1/roles/%ZZ']) {
      expect(expectProblem(await request(app).get(url), 400).detail).toMatch(/percent-encoded/);
      expectProblem(await request(app).options(url), 400);
    }
  });

  it('a body whose Content-Encoding does not decode → 400, not 500 (found by fuzzing)', async () => {
    for (const encoding of ['gzip', 'deflate', 'br']) {
      const res = await request(app)
        .post('/v1/estimates')
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', encoding)
        .send('{}');
      expect(expectProblem(res, 400).detail).toBe('The request could not be read');
    }
  });

  it('unknown route → 404', async () => {
    expectProblem(await request(app).get('/v2/anything'), 404);
    expectProblem(await request(app).post('/nowhere').send({}), 404);
  });

  it('wrong method on a known path → 405 with Allow', async () => {
    let res = await request(app).delete('/v1/roles/pacs-administrator');
    expectProblem(res, 405);
    expect(res.headers.allow).toBe('GET, HEAD');
    res = await request(app).get('/v1/offers/benchmark');
    expectProblem(res, 405);
    expect(res.headers.allow).toBe('POST');
    res = await request(app).put('/v1/estimates').send({});
    expect(res.headers.allow).toBe('GET, HEAD, POST');
  });

  it('any other method Node accepts, and OPTIONS, on a known path: 405 with Allow, or 204 with Allow', async () => {
    for (const method of ['PATCH', 'PROPFIND', 'PURGE', 'LINK'] as const) {
      const res = await request(app)[method.toLowerCase() as 'patch'](`/v1/regions`);
      expectProblem(res, 405);
      expect(res.headers.allow).toBe('GET, HEAD');
    }
    const options = await request(app).options('/v1/offers/benchmark');
    expect(options.status).toBe(204);
    expect(options.headers.allow).toBe('POST, OPTIONS');
  });

  it('anything unexpected → 500 with a generic message, logged with its stack', async () => {
    const boom = failingRoute(new TypeError('secret internal detail at /srv/app/x.js'));
    const { app: failing, logs } = testApp({ routes: [boom] });
    const body = expectProblem(await request(failing).get('/boom'), 500);
    expect(JSON.stringify(body)).not.toContain('secret');
    expect(logs.some((line) => line.includes('TypeError'))).toBe(true);
  });
});
