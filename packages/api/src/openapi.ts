import { createRequire } from 'node:module';
import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import * as z from 'zod';
import type { Route } from './routing/define-route.js';
import { ProblemSchema } from './schemas/problem.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

const RequestIdHeaders = z.object({
  'X-Request-Id': z
    .string()
    .meta({ description: 'The request id sent by the client, or one generated for it', example: '3f1c2a9e-0d7b-4c1e-9a53-2b8f6d4e7c10' }),
});
const CacheHeaders = RequestIdHeaders.extend({
  ETag: z.string().meta({ description: 'Version of this answer; send it back in If-None-Match', example: '"q0n9Gk3y1mXb7vLw2T8d5c4A6sE"' }),
  'Cache-Control': z.string().meta({ description: 'How long the answer may be reused', example: 'public, max-age=300' }),
});
const RateLimitHeaders = RequestIdHeaders.extend({
  'Retry-After': z.string().meta({ description: 'Seconds until requests are accepted again', example: '42' }),
  RateLimit: z
    .string()
    .meta({ description: 'Remaining quota and reset time (IETF RateLimit header fields)', example: 'limit=300, remaining=0, reset=42' }),
  'RateLimit-Policy': z.string().meta({ description: 'The quota: requests per window', example: '300;w=60' }),
});

const COMMON_PROBLEMS: Readonly<Record<number, string>> = {
  400: 'Bad input: errors[] names each offending field and what is wrong with it',
  413: 'The request body is larger than the server accepts',
  415: 'The request body is not application/json',
  429: 'Too many requests from this client; wait Retry-After seconds',
  500: 'Unexpected failure on the server; no detail is disclosed',
};

function problem(description: string, headers: z.ZodObject = RequestIdHeaders): ResponseConfig {
  return { description, headers, content: { 'application/problem+json': { schema: ProblemSchema } } };
}

function responsesOf(route: Route): RouteConfig['responses'] {
  const responses: RouteConfig['responses'] = {
    [route.response.status ?? 200]: {
      description: route.response.description,
      headers: route.cacheable ? CacheHeaders : RequestIdHeaders,
      content: {
        'application/json': { schema: route.response.schema },
        ...(route.stream?.response ? { [route.stream.response.mediaType]: { schema: route.stream.response.schema } } : {}),
      },
    },
  };
  if (route.cacheable)
    responses[304] = { description: 'Not modified: the ETag sent in If-None-Match is still current', headers: CacheHeaders };
  const statuses: number[] = [];
  if (route.params || route.query || route.body) statuses.push(400);
  if (route.body) statuses.push(413, 415);
  for (const [status, description] of Object.entries(route.problems ?? {})) {
    responses[status] = problem(description);
  }
  statuses.push(429, 500);
  for (const status of statuses) {
    responses[status] ??= problem(COMMON_PROBLEMS[status] ?? '', status === 429 ? RateLimitHeaders : RequestIdHeaders);
  }
  return responses;
}

function toRouteConfig(route: Route): RouteConfig {
  const request: NonNullable<RouteConfig['request']> = {};
  if (route.params) request.params = route.params;
  if (route.query) request.query = route.query;
  if (route.body) {
    request.body = {
      required: true,
      content: {
        'application/json': { schema: route.body, ...(route.bodyExample !== undefined ? { example: route.bodyExample } : {}) },
        ...(route.stream?.request ? { [route.stream.request.mediaType]: { schema: route.stream.request.schema } } : {}),
      },
    };
  }
  return {
    method: route.method,
    path: route.path,
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [...route.tags],
    request,
    responses: responsesOf(route),
  };
}

/**
 * Builds the OpenAPI 3.1 document from the routes' zod schemas: nothing in it is written by hand.
 * Call once at start-up; it is not cheap.
 *
 * @example
 * const document = buildOpenApiDocument(routes);
 * document.paths['/v1/estimates']?.get?.operationId; // 'getEstimate'
 */
export function buildOpenApiDocument(routes: readonly Route[]): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  for (const route of routes) registry.registerPath(toRouteConfig(route));
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'PayLens API',
      version,
      description:
        'Salary and career insights for PACS administrators. Every figure cites its source. Money is USD per year; ' +
        'errors are RFC 9457 application/problem+json.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    tags: [
      { name: 'catalogue', description: 'Roles, levels, skills, education, regions and sources of the data set' },
      { name: 'insights', description: 'Estimates and offer benchmarks computed from the data set' },
      { name: 'operations', description: 'Liveness and readiness probes' },
    ],
  });
}
