import { createHash } from 'node:crypto';
import type { Dataset } from '@paylens/core';
import { isHashedAsset, webRoot } from '@paylens/web';
import express, { type Express, type RequestHandler } from 'express';
import { type Logger, pino } from 'pino';
import { type ApiConfig, DEFAULT_CONFIG } from './config.js';
import { HttpProblem } from './middleware/http-problem.js';
import { inSequence } from './middleware/in-sequence.js';
import { problemHandler } from './middleware/problem.js';
import { rateLimiter } from './middleware/rate-limit.js';
import { requestLog } from './middleware/request-log.js';
import { corsFor, securityHeaders } from './middleware/security.js';
import type { OpenApiDocument } from './openapi.js';
import { routes as defaultRoutes } from './routes/index.js';
import type { Route } from './routing/define-route.js';
import { jsonParser, mountRoute, toExpressPath } from './routing/mount-route.js';

export interface CreateAppOptions {
  /** The data set to serve, e.g. `getDefaultDataset()` or `await loadDataset(dir)`. */
  readonly dataset: Dataset;
  /** Any part of the configuration; the rest takes the defaults. */
  readonly config?: Partial<ApiConfig>;
  /** Where request and error logs go; a pino logger at `config.logLevel` on stdout by default. */
  readonly logger?: Logger;
  /** Whether /readyz should answer ready; the server turns it off while draining. */
  readonly isReady?: () => boolean;
  /** The routes to serve; every route of the API by default. */
  readonly routes?: readonly Route[];
}

const DOCS_PATH = '/docs';
const OPENAPI_PATH = '/openapi.json';
const DOCS_OPTIONS = {
  customSiteTitle: 'PayLens API',
  swaggerUrl: OPENAPI_PATH,
  swaggerOptions: { validatorUrl: null, tryItOutEnabled: true },
};
const documents = new WeakMap<readonly Route[], Promise<{ json: string; etag: string }>>();

/**
 * The document is built once per route list, however many apps are created from it, and only
 * when first asked for: start-up neither builds it nor loads the OpenAPI generator.
 */
function documentFor(routes: readonly Route[]): Promise<{ json: string; etag: string }> {
  let entry = documents.get(routes);
  if (!entry) {
    entry = import('./openapi.js').then(({ buildOpenApiDocument }) => {
      const json = JSON.stringify(buildOpenApiDocument(routes));
      return { json, etag: `"${createHash('sha1').update(json).digest('base64url')}"` };
    });
    // A failure is not kept: the next request tries again.
    entry.catch(() => documents.delete(routes));
    documents.set(routes, entry);
  }
  return entry;
}

let swaggerUi: Promise<RequestHandler> | undefined;

/** Swagger UI's handlers, loaded on the first visit to the docs: start-up does not wait for them. */
function loadSwaggerUi(): Promise<RequestHandler> {
  swaggerUi ??= import('swagger-ui-express').then(({ default: ui }) => {
    const router = express.Router();
    router.use(ui.serveFiles(undefined, DOCS_OPTIONS), ui.setup(undefined, DOCS_OPTIONS));
    return router;
  });
  return swaggerUi;
}

/**
 * Builds the Express app for a data set, without listening: tests drive it in-process and the
 * server wraps it.
 *
 * @example
 * const app = createApp({ dataset: getDefaultDataset(), config: { rateLimit: false } });
 * const res = await request(app).get('/v1/estimates?level=mid'); // supertest
 */
export function createApp(options: CreateAppOptions): Express {
  const config: ApiConfig = { ...DEFAULT_CONFIG, ...options.config };
  const logger = options.logger ?? pino({ level: config.logLevel });
  const routes = options.routes ?? defaultRoutes;
  const context = { dataset: options.dataset, isReady: options.isReady ?? (() => true), config };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);

  // One router layer for every per-request middleware: each layer costs the router a match.
  const cors = corsFor(config.corsOrigins);
  app.use(
    inSequence([
      requestLog(logger),
      securityHeaders(DOCS_PATH),
      ...(cors ? [cors] : []),
      ...(config.rateLimit ? [rateLimiter(config.rateLimit, ['/healthz', '/readyz'])] : []),
    ]),
  );

  const jsonBody = jsonParser(config.bodyLimit);
  const allowed = new Map<string, { pattern: string; methods: Set<string> }>();
  const allow = (pattern: string, method: string) => {
    const path = toExpressPath(pattern);
    const entry = allowed.get(path) ?? { pattern, methods: new Set<string>() };
    entry.methods.add(method.toUpperCase());
    if (method === 'get') entry.methods.add('HEAD');
    allowed.set(path, entry);
  };

  // The insights first, the catalogue (cacheable) routes after them: the router tries layers in
  // order, and the insights are the busy ones. The relative order within each group is kept.
  for (const route of routes) if (!route.cacheable) mountRoute(app, route, context, jsonBody);
  for (const route of routes) if (route.cacheable) mountRoute(app, route, context, jsonBody);
  for (const route of routes) allow(route.path, route.method);

  app.get(OPENAPI_PATH, (req, res, next) => {
    res.locals.route = OPENAPI_PATH;
    documentFor(routes).then(({ json, etag }) => {
      res.set({ ETag: etag, 'Cache-Control': 'public, max-age=300' });
      if (req.fresh) res.status(304).end();
      else res.type('application/json').send(json);
    }, next);
  });
  allow(OPENAPI_PATH, 'get');

  // Swagger UI's page loads its assets relatively, so it must be served from /docs/.
  const docs: RequestHandler = (req, res, next) => {
    res.locals.route = DOCS_PATH;
    if (req.method === 'GET' && req.originalUrl === DOCS_PATH) res.redirect(301, `${DOCS_PATH}/`);
    else next();
  };
  app.use(DOCS_PATH, docs, (req, res, next) => {
    loadSwaggerUi().then((ui) => ui(req, res, next), next);
  });

  // The job seekers' page (packages/web, built into its dist/): hashed assets are cached for good,
  // index.html is revalidated so a new build shows at once.
  app.use(
    express.static(webRoot, {
      index: 'index.html',
      redirect: false,
      setHeaders: (res, file) => {
        res.locals.route = '/';
        res.setHeader('Cache-Control', isHashedAsset(file) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );

  for (const [path, { pattern, methods }] of allowed) {
    const list = [...methods].join(', ');
    app.route(path).all((req, res, next) => {
      res.locals.route = pattern;
      if (req.method === 'OPTIONS') {
        res.set('Allow', `${list}, OPTIONS`).status(204).end();
        return;
      }
      next(new HttpProblem(405, 'Method not allowed', `${req.method} is not allowed on ${pattern}; allowed: ${list}`, { Allow: list }));
    });
  }
  app.use((req, _res, next) => next(new HttpProblem(404, 'Not found', `No resource at ${req.method} ${req.path}; see ${OPENAPI_PATH}`)));
  app.use(problemHandler(logger));
  return app;
}

export type { OpenApiDocument };
