import cors from 'cors';
import type { Request, RequestHandler, Response } from 'express';
import helmet, { type HelmetOptions } from 'helmet';

// JSON answers need no content at all; the docs page needs its own scripts, styles and images.
// These are the headers of every answer that is neither the API's JSON nor a page (the page's
// script, style sheet and icon, unknown paths): all of helmet's.
const noContent = { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } };
const otherOptions: HelmetOptions = { contentSecurityPolicy: noContent };

// The API's JSON answers (see isJsonPath), problems included: the headers the OWASP REST Security
// Cheat Sheet lists for API answers (CSP with frame-ancestors 'none', X-Content-Type-Options,
// X-Frame-Options, Strict-Transport-Security, Referrer-Policy) and Cross-Origin-Resource-Policy
// (it keeps other sites from loading an answer with a no-cors request), without the headers that
// only act on an HTML document or on obsolete clients. A JSON answer is never rendered as a document.
const jsonOptions: HelmetOptions = {
  contentSecurityPolicy: noContent,
  // Cross-Origin-Opener-Policy: governs the browsing context group of a top-level HTML document.
  crossOriginOpenerPolicy: false,
  // Origin-Agent-Cluster: asks for an origin-keyed agent cluster for a document; JSON has none.
  originAgentCluster: false,
  // X-DNS-Prefetch-Control: DNS prefetching of the links in an HTML page; JSON has no links to follow.
  xDnsPrefetchControl: false,
  // X-Download-Options: only Internet Explorer 8 read it, for HTML files it downloaded.
  xDownloadOptions: false,
  // X-Permitted-Cross-Domain-Policies: for Adobe Flash and Acrobat cross-domain policy files; obsolete clients.
  xPermittedCrossDomainPolicies: false,
  // X-XSS-Protection (helmet's `0`): switched off old browsers' XSS auditor, which only ran on HTML; no current browser has one.
  xXssProtection: false,
};

const docsOptions: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // swagger-ui sets inline style attributes and its page has a <style> block.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
};

// The web page at / loads its one script, style sheet and icon from here and calls the API here:
// nothing inline, nothing from elsewhere.
const pageOptions: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
};

/**
 * The helmet options of each kind of answer: the API's JSON, the docs page, the web page, and
 * anything else (the page's assets, unknown paths).
 */
export const HELMET_OPTIONS: Readonly<Record<'json' | 'other' | 'docs' | 'page', HelmetOptions>> = {
  json: jsonOptions,
  other: otherOptions,
  docs: docsOptions,
  page: pageOptions,
};

/** A header helmet sets (name and value) or removes (name alone). */
export type HeaderStep = readonly [name: string, value: string] | readonly [name: string];

function refuse(what: string): never {
  throw new Error(`recordHeaders: the middleware used ${what}; only setHeader and removeHeader can be recorded`);
}

/**
 * What a header-setting middleware such as helmet's does to a response, recorded once by running it
 * against a request and response that only record: the headers it sets and removes, in its order.
 * Helmet with static options (no CSP nonce or directive function) does the same to every answer.
 * A middleware that reads the request, uses any other member of the response or does not call
 * `next` at once is refused here, at start-up.
 *
 * @example
 * recordHeaders(helmet()); // [['Content-Security-Policy', "default-src 'self';…"], …, ['X-Powered-By']]
 */
export function recordHeaders(middleware: RequestHandler): readonly HeaderStep[] {
  const steps: HeaderStep[] = [];
  const methods: Record<string, unknown> = {
    setHeader: (name: string, value: unknown) => {
      if (typeof value !== 'string') refuse(`a ${typeof value} value for ${name}`);
      steps.push([name, value]);
    },
    removeHeader: (name: string) => {
      steps.push([name]);
    },
  };
  const req = new Proxy({}, { get: (_target, key) => refuse(`the request's ${String(key)}`) }) as Request;
  const res = new Proxy({}, { get: (_target, key) => methods[key as string] ?? refuse(`the response's ${String(key)}`) }) as Response;
  let passed = false;
  middleware(req, res, (error?: unknown) => {
    if (error !== undefined) throw error;
    passed = true;
  });
  if (!passed) refuse('a deferred or missing call to next');
  return steps;
}

/**
 * Helmet's headers for these options, written as {@link recordHeaders} recorded them: the same
 * headers, values and order, without walking helmet's chain of a dozen middlewares per request.
 */
export function helmetHeaders(options: HelmetOptions): RequestHandler {
  const steps = recordHeaders(helmet(options));
  return (_req, res, next) => {
    for (const step of steps) {
      if (step.length === 2) res.setHeader(step[0], step[1]);
      else res.removeHeader(step[0]);
    }
    next();
  };
}

const jsonHeaders = helmetHeaders(jsonOptions);
const otherHeaders = helmetHeaders(otherOptions);
const docsHeaders = helmetHeaders(docsOptions);
const pageHeaders = helmetHeaders(pageOptions);

// Only the HTML document's policy governs the page; its script and style sheet keep the API's.
const isPage = (path: string) => path === '/' || path.endsWith('.html');

/** The paths answered with JSON only: the API's routes, the health checks and the OpenAPI document. */
export const isJsonPath = (path: string): boolean =>
  path.startsWith('/v1/') || path === '/healthz' || path === '/readyz' || path === '/openapi.json';

/**
 * Helmet's security headers with a strict CSP, relaxed only as far as /docs and the web page need;
 * the API's JSON answers without the headers that only act on HTML documents (see `jsonOptions`).
 */
export function securityHeaders(docsPath: string): RequestHandler {
  const docsPrefix = `${docsPath}/`;
  return (req, res, next) => {
    const path = req.path;
    if (isJsonPath(path)) jsonHeaders(req, res, next);
    else if (path === docsPath || path.startsWith(docsPrefix)) docsHeaders(req, res, next);
    else if (isPage(path)) pageHeaders(req, res, next);
    else otherHeaders(req, res, next);
  };
}

/** CORS for the configured origins only; without origins, no CORS headers at all. */
export function corsFor(origins: readonly string[]): RequestHandler | undefined {
  if (origins.length === 0) return undefined;
  return cors({
    origin: [...origins],
    methods: ['GET', 'HEAD', 'POST'],
    allowedHeaders: ['Content-Type', 'X-Request-Id', 'If-None-Match'],
    exposedHeaders: ['X-Request-Id', 'ETag', 'Retry-After', 'RateLimit', 'RateLimit-Policy'],
    maxAge: 600,
  });
}
