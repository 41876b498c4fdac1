import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { describe, expect, it } from 'vitest';
import { HELMET_OPTIONS, helmetHeaders, recordHeaders } from './security.js';

/** The headers a middleware leaves on a real response, in order, with X-Powered-By set beforehand. */
function headersAfter(middleware: RequestHandler | ReturnType<typeof helmet>): [string, unknown][] {
  const req = new IncomingMessage(new Socket());
  const res = new ServerResponse(req);
  res.setHeader('X-Powered-By', 'Express');
  let nextCalls = 0;
  middleware(req as Request, res as Response, () => {
    nextCalls++;
  });
  expect(nextCalls).toBe(1);
  return res.getHeaderNames().map((name) => [name, res.getHeader(name)]);
}

describe('helmetHeaders', () => {
  const cases = { ...HELMET_OPTIONS, defaults: {}, 'without some headers': { hsts: false, xFrameOptions: { action: 'deny' } } } as const;
  for (const [name, options] of Object.entries(cases)) {
    it(`sets exactly helmet's headers, values and order (${name})`, () => {
      const expected = headersAfter(helmet(options));
      expect(headersAfter(helmetHeaders(options))).toEqual(expected);
      expect(expected.map(([header]) => header)).not.toContain('x-powered-by');
      expect(expected.map(([header]) => header)).toContain('content-security-policy');
    });
  }
});

describe('recordHeaders', () => {
  it('records the headers set and removed, in order', () => {
    const middleware: RequestHandler = (_req, res, next) => {
      res.setHeader('A', '1');
      res.removeHeader('B');
      next();
    };
    expect(recordHeaders(middleware)).toEqual([['A', '1'], ['B']]);
  });

  it('refuses a middleware that reads the request, uses more of the response, or answers later', () => {
    const readsRequest: RequestHandler = (req, res, next) => {
      res.setHeader('A', req.path);
      next();
    };
    const sends: RequestHandler = (_req, res) => void res.end();
    const later: RequestHandler = (_req, _res, next) => void setImmediate(next);
    const numeric: RequestHandler = (_req, res, next) => {
      res.setHeader('A', 1);
      next();
    };
    for (const middleware of [readsRequest, sends, later, numeric]) expect(() => recordHeaders(middleware)).toThrow(/recordHeaders/);
  });

  it('passes on an error the middleware gives to next', () => {
    expect(() => recordHeaders((_req, _res, next) => next(new Error('bad options')))).toThrow('bad options');
  });
});
