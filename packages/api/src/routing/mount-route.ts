import { createHash } from 'node:crypto';
import { parseInput } from '@paylens/core';
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { HttpProblem } from '../middleware/http-problem.js';
import { setPathParams } from '../middleware/problem.js';
import type { Route, RouteContext } from './define-route.js';
import { toJsonBytes } from './to-json.js';

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

const QUERY_MEMO_LIMIT = 1000;

/**
 * Parses a route's query string with its schema, remembering the parsed value of recent query
 * strings: parsing depends on the raw string alone, and a busy service sees the same ones again
 * and again. Only successful parses are kept, frozen, so no handler can change a shared one.
 */
function queryParser(schema: NonNullable<Route['query']>) {
  const memo = new Map<string, unknown>();
  return (req: Request): unknown => {
    const url = req.url;
    const at = url.indexOf('?');
    const raw = at < 0 ? '' : url.slice(at + 1);
    let parsed = memo.get(raw);
    if (parsed === undefined) {
      parsed = deepFreeze(parseInput(schema, req.query));
      if (memo.size >= QUERY_MEMO_LIMIT) memo.delete(memo.keys().next().value as string);
      memo.set(raw, parsed);
    }
    return parsed;
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

const JSON_TYPES = ['application/json', 'application/*+json'];

const hasBody = (req: Request) => req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

/**
 * The answer to a body that is not JSON (nor the route's stream type). It is checked after the
 * JSON parser: a body the parser read was JSON, so the usual request pays for no second
 * content-type check, and a body it left unread (`req.body` still undefined) is absent or not JSON.
 */
function unsupportedMediaType(route: Route) {
  const accepted = ['application/json', ...(route.stream?.request ? [route.stream.request.mediaType] : [])].join(' or ');
  return (req: Request) =>
    new HttpProblem(
      415,
      'Unsupported media type',
      `Send the request body as ${accepted}; got ${req.get('content-type') ?? 'no content type'}`,
    );
}

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * What `res.status(status).json(value)` sends, with {@link toJsonBytes} for the body, written
 * directly: the content type is a constant (no lookup or charset parsing per answer), there is no
 * ETag on these answers (so never a 304), and a HEAD request gets the headers alone.
 */
function sendJson(req: Request, res: Response, status: number, value: unknown): void {
  const body = toJsonBytes(value);
  res.statusCode = status;
  if (!res.hasHeader('Content-Type')) res.setHeader('Content-Type', JSON_TYPE);
  res.setHeader('Content-Length', body.length);
  if (req.method === 'HEAD') res.end();
  else res.end(body);
}

/** A JSON body parser with the given limit (`100kb`). */
export function jsonParser(limit: string): RequestHandler {
  return express.json({ limit, strict: true, type: JSON_TYPES });
}

/**
 * Mounts a route on an Express router: parse params, query and body with the route's schemas
 * (bad input throws a ValidationError naming each field), call the handler, answer JSON. A route
 * with `stream` hands requests in or asking for its other media type to the stream handler.
 */
export function mountRoute(router: Router, route: Route, context: RouteContext, jsonBody: RequestHandler): void {
  const pathParams = Object.keys(route.params?.shape ?? {});
  const status = route.response.status ?? 200;
  const cached = route.cacheable ? memoise(route, context) : undefined;
  const parseQuery = route.query ? queryParser(route.query) : undefined;
  const pattern = route.path;

  const unsupported = route.body ? unsupportedMediaType(route) : undefined;

  const handle: RequestHandler = (req, res, next): Promise<void> | undefined => {
    const streamed = route.stream?.request && hasBody(req) && req.is(route.stream.request.mediaType);
    if (unsupported && !streamed && req.body === undefined && hasBody(req) && !req.is(JSON_TYPES)) {
      next(unsupported(req));
      return undefined;
    }
    res.locals.route = pattern;
    setPathParams(res, pathParams);
    const input = {
      params: route.params ? parseInput(route.params, req.params) : undefined,
      query: parseQuery ? parseQuery(req) : undefined,
      body: route.body && !streamed ? (route.bodyParsedByHandler ? req.body : parseInput(route.body, req.body)) : undefined,
    };
    const answer = route.stream?.response?.mediaType;
    if (route.stream && (streamed || (answer && req.accepts(['application/json', answer]) === answer))) {
      return route.stream.handler({ ...input, req, res }, context);
    }
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
    if (result instanceof Promise) return result.then((value) => void sendJson(req, res, status, value));
    sendJson(req, res, status, result);
    return undefined;
  };

  const parseBody = route.bodyLimit ? jsonParser(route.bodyLimit(context.config)) : jsonBody;
  const chain: RequestHandler[] = route.body ? [parseBody, handle] : [handle];
  if (route.stream?.request) {
    const { mediaType } = route.stream.request;
    // A body of the stream type skips the JSON checks and parser: the handler reads it.
    chain.unshift((req, _res, next) => (hasBody(req) && req.is(mediaType) ? handle(req, _res, next) : next()));
  }
  router[route.method](toExpressPath(route.path), ...chain);
}
