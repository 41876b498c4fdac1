import { InconsistentQueryError, NoDataError, UnknownReferenceError, ValidationError } from '@paylens/core';
import express from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { HttpProblem } from './http-problem.js';
import { problemHandler, setPathParams } from './problem.js';

function appThrowing(error: unknown, pathParams: string[] = []) {
  const app = express();
  app.get('/x', (_req, res) => {
    setPathParams(res, pathParams);
    res.locals.requestId = 'req-1';
    throw error;
  });
  app.use(problemHandler(pino({ level: 'silent' })));
  return app;
}

async function problemFor(error: unknown, pathParams: string[] = []) {
  const res = await request(appThrowing(error, pathParams)).get('/x');
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  return { status: res.status, body: res.body, headers: res.headers };
}

describe('problemHandler', () => {
  it('ValidationError → 400 with one entry per field', async () => {
    const { status, body } = await problemFor(
      new ValidationError([
        { path: 'offer.base', message: 'too small' },
        { path: 'level', message: 'bad id' },
      ]),
    );
    expect(status).toBe(400);
    expect(body).toEqual({
      type: 'urn:paylens:problem:invalid-input',
      title: 'Invalid input',
      status: 400,
      detail: '2 fields are invalid: offer.base, level',
      errors: [
        { path: 'offer.base', message: 'too small' },
        { path: 'level', message: 'bad id' },
      ],
      instance: '/x',
      requestId: 'req-1',
    });
  });

  it('UnknownReferenceError → 404 for a path parameter, 400 elsewhere', async () => {
    const error = new UnknownReferenceError('region', 'us-xx', 'id');
    expect((await problemFor(error, ['id'])).status).toBe(404);
    const query = await problemFor(new UnknownReferenceError('region', 'us-xx', 'region'), ['id']);
    expect(query.status).toBe(400);
    expect(query.body.errors).toEqual([{ path: 'region', message: "Unknown region 'us-xx'" }]);
  });

  it('NoDataError and InconsistentQueryError → 422 naming the field', async () => {
    expect((await problemFor(new NoDataError('level', 'none'))).body).toMatchObject({ status: 422, errors: [{ path: 'level' }] });
    expect((await problemFor(new InconsistentQueryError('yearsExperience', 'too few'))).body).toMatchObject({
      status: 422,
      errors: [{ path: 'yearsExperience' }],
    });
  });

  it('HttpProblem keeps its status and headers', async () => {
    const { status, headers, body } = await problemFor(new HttpProblem(405, 'Method not allowed', 'no', { Allow: 'GET' }));
    expect(status).toBe(405);
    expect(headers.allow).toBe('GET');
    expect(body.type).toBe('urn:paylens:problem:method-not-allowed');
  });

  it('anything else → a generic 500 that discloses nothing', async () => {
    for (const error of [new Error('ENOENT /etc/secret'), 'a string', { weird: true }]) {
      const { status, body } = await problemFor(error);
      expect(status).toBe(500);
      expect(JSON.stringify(body)).not.toMatch(/ENOENT|secret|string|weird/);
    }
  });
});
