import { createHash } from 'node:crypto';
import { parseInput } from '@paylens/core';
import type { RequestHandler, Router } from 'express';
import { HttpProblem } from '../middleware/http-problem.js';
import { setPathParams } from '../middleware/problem.js';
import type { Route, RouteContext } from './define-route.js';

/** `/v1/roles/{id}` → `/v1/roles/:id` */
export function toExpressPath(path: string): string {
  return path.replace(/\{([^}]+)\}/g, ':$1');
}

const CATALOGUE_CACHE_CONTROL = 'public, max-age=300';
const MEMO_LIMIT = 500;

interface Cached {
  readonly body: string;
  readonly etag: string;
}

// A route's answer depends only on its parsed input and the (immutable) data set.
function memoise(route: Route, context: RouteContext) {
  const memo = new Map<string, Cached>();
  return (input: { params: unknown; query: unknown; body: unknown }): Cached => {
    const key = JSON.stringify(input);
    let hit = memo.get(key);
    if (!hit) {
      const value = route.handler(input, context);
      if (value instanceof Promise) throw new Error(`${route.operationId}: a cacheable route must answer synchronously`);
      const body = JSON.stringify(value);
      hit = { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(key, hit);
    }
    return hit;
  };
}

const requireJson: RequestHandler = (req, _res, next) => {
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (hasBody && !req.is(['application/json', 'application/*+json'])) {
    next(
      new HttpProblem(
        415,
        'Unsupported media type',
        `Send the request body as application/json; got ${req.get('content-type') ?? 'no content type'}`,
      ),
    );
    return;
  }
  next();
};

/**
 * Mounts a route on an Express router: parse params, query and body with the route's schemas
 * (bad input throws a ValidationError naming each field), call the handler, answer JSON.
 */
export function mountRoute(router: Router, route: Route, context: RouteContext, jsonBody: RequestHandler): void {
  const pathParams = Object.keys(route.params?.shape ?? {});
  const status = route.response.status ?? 200;
  const cached = route.cacheable ? memoise(route, context) : undefined;
  const pattern = route.path;

  const handle: RequestHandler = (req, res): Promise<void> | undefined => {
    res.locals.route = pattern;
    setPathParams(res, pathParams);
    const input = {
      params: route.params ? parseInput(route.params, req.params) : undefined,
      query: route.query ? parseInput(route.query, req.query) : undefined,
      body: route.body ? parseInput(route.body, req.body) : undefined,
    };
    if (cached) {
      const { body, etag } = cached(input);
      res.set({ ETag: etag, 'Cache-Control': CATALOGUE_CACHE_CONTROL });
      if (req.fresh) {
        res.status(304).end();
        return undefined;
      }
      res.status(status).type('application/json').send(body);
      return undefined;
    }
    const result = route.handler(input, context);
    // Only a handler that really is asynchronous pays for a promise.
    if (result instanceof Promise) return result.then((value) => void res.status(status).json(value));
    res.status(status).json(result);
    return undefined;
  };

  const chain: RequestHandler[] = route.body ? [requireJson, jsonBody, handle] : [handle];
  router[route.method](toExpressPath(route.path), ...chain);
}
