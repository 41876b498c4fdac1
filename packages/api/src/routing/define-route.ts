import type { Dataset } from '@paylens/core';
import type { Request, Response } from 'express';
import type { z } from 'zod';
import type { ApiConfig } from '../config.js';

/** Problem statuses a route can declare beyond the ones every route may answer (400, 429, 500). */
export type ProblemStatus = 404 | 413 | 415 | 422 | 503;

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What a handler receives: the request's parts, already parsed by the route's schemas. */
export interface RouteInput<P, Q, B> {
  readonly params: Parsed<P>;
  readonly query: Parsed<Q>;
  readonly body: Parsed<B>;
}

/** What every handler can reach besides its input. */
export interface RouteContext {
  readonly dataset: Dataset;
  /** False while the server drains before shutting down. */
  readonly isReady: () => boolean;
  readonly config: ApiConfig;
}

/** A media type a route reads or writes as a stream, besides JSON. */
export interface StreamContent {
  readonly mediaType: `${string}/${string}`;
  /** For the document only, since the handler reads or writes the bytes: `z.string().meta({ description, example })`. */
  readonly schema: z.ZodType;
}

/** What a stream handler receives: the parsed parts, and the raw request and response. */
export interface StreamInput<P, Q, B> {
  readonly params: Parsed<P>;
  readonly query: Parsed<Q>;
  /** The parsed JSON body; undefined when the body is of the stream request type, left unread in `req`. */
  readonly body: Parsed<B> | undefined;
  readonly req: Request;
  readonly res: Response;
}

/**
 * A route that also takes or answers a non-JSON media type, as a stream. Its handler is called
 * instead of `handler` when the request body is of `request.mediaType` (the JSON parser is
 * skipped, so the JSON body limit does not apply) or the client's Accept prefers
 * `response.mediaType`; it then answers on `res` itself, in either media type.
 */
export interface StreamSpec<P, Q, B> {
  readonly request?: StreamContent;
  readonly response?: StreamContent;
  readonly handler: (input: StreamInput<P, Q, B>, context: RouteContext) => Promise<void>;
}

/**
 * One HTTP operation: the zod schemas that parse its request and describe its answer, the
 * documentation around them, and the handler. The same object mounts the Express handler and
 * registers the OpenAPI path, so the two cannot drift apart.
 */
export interface RouteSpec<
  P extends z.ZodObject | undefined,
  Q extends z.ZodObject | undefined,
  B extends z.ZodType | undefined,
  R extends z.ZodType,
> {
  readonly method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI style: `/v1/roles/{id}`. */
  readonly path: `/${string}`;
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  readonly response: { readonly schema: R; readonly description: string; readonly status?: 200 | 201 };
  /** Extra problem answers this route gives, documented with their meaning. */
  readonly problems?: Partial<Record<ProblemStatus, string>>;
  /** Catalogue data that only changes with the data set: answered with ETag and Cache-Control, memoised. */
  readonly cacheable?: boolean;
  /** A request body for the documentation and Swagger UI's "Try it out"; it must succeed. */
  readonly bodyExample?: z.input<NonNullable<B>>;
  /** Largest JSON body this route takes, when it is not `config.bodyLimit`. */
  readonly bodyLimit?: (config: ApiConfig) => string;
  /**
   * The handler passes the body straight to a core function that parses it with this same `body`
   * schema (every public core function parses its input). The route then leaves the body as
   * sent, so it is parsed once, not twice, and a bad body gets the ValidationError of the same
   * schema from the core. The handler's `body` is then the JSON as sent, whatever its type says.
   */
  readonly bodyParsedByHandler?: true;
  /** Another media type in or out, handled as a stream. */
  readonly stream?: StreamSpec<P, Q, B>;
  readonly handler: (input: RouteInput<P, Q, B>, context: RouteContext) => z.input<R> | Promise<z.input<R>>;
}

/** A route with its types erased, as the app and the document builder see it. */
export interface Route {
  readonly method: RouteSpec<undefined, undefined, undefined, z.ZodType>['method'];
  readonly path: `/${string}`;
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  readonly response: { readonly schema: z.ZodType; readonly description: string; readonly status?: 200 | 201 };
  readonly problems?: Partial<Record<ProblemStatus, string>>;
  readonly cacheable?: boolean;
  readonly bodyExample?: unknown;
  readonly bodyLimit?: (config: ApiConfig) => string;
  readonly bodyParsedByHandler?: true;
  readonly stream?: {
    readonly request?: StreamContent;
    readonly response?: StreamContent;
    readonly handler: (
      input: { params: unknown; query: unknown; body: unknown; req: Request; res: Response },
      context: RouteContext,
    ) => Promise<void>;
  };
  readonly handler: (input: { params: unknown; query: unknown; body: unknown }, context: RouteContext) => unknown;
}

/**
 * Declares a route. Adding an endpoint is one file exporting `defineRoute({...})` and one line in
 * `routes/index.ts`.
 *
 * @example
 * export const getRole = defineRoute({
 *   method: 'get',
 *   path: '/v1/roles/{id}',
 *   operationId: 'getRole',
 *   summary: 'One role with its ladder',
 *   tags: ['catalogue'],
 *   params: z.object({ id: IdSchema.meta({ description: 'Role id', example: 'pacs-administrator' }) }),
 *   response: { schema: RoleSchema, description: 'The role' },
 *   problems: { 404: 'No role has this id' },
 *   handler: ({ params }, { dataset }) => findOrThrow(dataset.roles, 'role', params.id, 'id'),
 * });
 */
export function defineRoute<
  P extends z.ZodObject | undefined = undefined,
  Q extends z.ZodObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends z.ZodType = z.ZodType,
>(spec: RouteSpec<P, Q, B, R>): Route {
  return spec as unknown as Route;
}
