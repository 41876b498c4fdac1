/**
 * The PayLens HTTP API as a library, for embedding and tests: `createApp` builds the Express
 * app without listening. The `paylens-api` bin (`server.ts`) runs it; `@paylens/api/client`
 * holds the types for a typed HTTP client.
 *
 * @module @paylens/api
 */

export { type CreateAppOptions, createApp } from './app.js';
export { type ApiConfig, ConfigError, DEFAULT_CONFIG, EnvSchema, readConfig, type ServerConfig, toBytes } from './config.js';
export { type ListenOptions, listen, messageClasses, type RunningServer } from './listen.js';
export { HttpProblem, isHttpProblem } from './middleware/http-problem.js';
export { buildOpenApiDocument, type OpenApiDocument } from './openapi.js';
export { routes } from './routes/index.js';
export {
  defineRoute,
  type ProblemStatus,
  type Route,
  type RouteContext,
  type RouteInput,
  type RouteSpec,
  type StreamContent,
  type StreamInput,
  type StreamSpec,
} from './routing/define-route.js';
export { toQuerySchema } from './routing/query-schema.js';
export { type Problem, ProblemSchema } from './schemas/problem.js';
