import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { describe, expect, it } from 'vitest';
import { HELMET_OPTIONS, helmetHeaders, recordHeaders, securityHeaders } from './security.js';

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

// Helmet's headers that only act on HTML documents or on obsolete clients (see security.ts).
const HTML_ONLY = [
  'cross-origin-opener-policy',
  'origin-agent-cluster',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
];

describe('securityHeaders', () => {
  const names = (path: string) => {
    const headers = securityHeaders('/docs');
    const atPath: RequestHandler = (req, res, next) => headers(Object.assign(req, { path }), res, next);
    return headersAfter(atPath).map(([name]) => name);
  };

  it("answers JSON with the API's headers only: none that act on HTML documents alone", () => {
    for (const path of ['/v1/estimates', '/v1/offers/benchmark', '/v1/nothing-here', '/healthz', '/readyz', '/openapi.json']) {
      expect(names(path), path).toEqual([
        'content-security-policy',
        'cross-origin-resource-policy',
        'referrer-policy',
        'strict-transport-security',
        'x-content-type-options',
        'x-frame-options',
      ]);
    }
  });

  it("keeps all of helmet's headers on the web page, the docs, the page's assets and other paths", () => {
    for (const path of ['/', '/index.html', '/docs', '/docs/', '/docs/swagger-ui.css', '/app-2E7W4I4Y.js', '/favicon.svg', '/nothing']) {
      const set = names(path);
      for (const header of HTML_ONLY) expect(set, `${path}: ${header}`).toContain(header);
      expect(set, path).toHaveLength(12);
      expect(set, path).not.toContain('x-powered-by');
    }
  });
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
