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
      const body = JSON.stringify(route.handler(input, context));
      hit = { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(key, hit);
    }
    return hit;
  };
}

const requireJson: RequestHandler = (req, _res, next) => {
  // `req.is` is null without a body and false for a body of another type.
  if (req.is(['application/json', 'application/*+json']) === false) {
    next(new HttpProblem(415, 'Unsupported media type', `Send the request body as application/json; got ${req.get('content-type')}`));
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

  const handle: RequestHandler = (req, res) => {
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
        return;
      }
      res.status(status).type('application/json').send(body);
      return;
    }
    res.status(status).json(route.handler(input, context));
  };

  const chain: RequestHandler[] = route.body ? [requireJson, jsonBody, handle] : [handle];
  router[route.method](toExpressPath(route.path), ...chain);
}
