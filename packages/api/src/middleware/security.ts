import cors from 'cors';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

// JSON answers need no content at all; the docs page needs its own scripts, styles and images.
const apiHeaders = helmet({
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
});

const docsHeaders = helmet({
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
});

// The web page at / loads its one script, style sheet and icon from here and calls the API here:
// nothing inline, nothing from elsewhere.
const pageHeaders = helmet({
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
});

// Only the HTML document's policy governs the page; its script and style sheet keep the API's.
const isPage = (path: string) => path === '/' || path.endsWith('.html');

/** Helmet's security headers with a strict CSP, relaxed only as far as /docs and the web page need. */
export function securityHeaders(docsPath: string): RequestHandler {
  return (req, res, next) => {
    if (req.path === docsPath || req.path.startsWith(`${docsPath}/`)) docsHeaders(req, res, next);
    else if (isPage(req.path)) pageHeaders(req, res, next);
    else apiHeaders(req, res, next);
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
