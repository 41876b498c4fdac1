// The baseline: a bare Express 5 app that answers the same JSON bodies as the API, precomputed.
// No middleware (no security headers, rate limit or logging), no validation, no computing: what
// Express itself costs. ETag off, as in the API. The POST route reads and parses its JSON body
// with express.json(), as any endpoint taking a body must; it answers the precomputed body.
// Env: PORT, HOST (default 127.0.0.1), BODIES_FILE (JSON: { estimate, benchmark } as strings).
// BARE_CLASSES=express: served as the API's server serves (packages/api/src/listen.ts), by request
// and response classes with Express's prototypes in place, instead of `app.listen` (for the notes:
// what the same server change gives a bare app; the bench's baseline is `app.listen`).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import express from 'express';
import { messageClasses } from '../packages/api/src/listen.js';

const bodies = process.env.BODIES_FILE
  ? (JSON.parse(readFileSync(process.env.BODIES_FILE, 'utf8')) as { estimate: string; benchmark: string })
  : { estimate: '{}', benchmark: '{}' };
const health = JSON.stringify({ status: 'ok' });

const app = express();
app.set('etag', false);
app.get('/healthz', (_req, res) => {
  res.type('application/json').send(health);
});
app.get('/v1/estimates', (_req, res) => {
  res.type('application/json').send(bodies.estimate);
});
app.post('/v1/offers/benchmark', express.json(), (_req, res) => {
  res.type('application/json').send(bodies.benchmark);
});
const port = Number(process.env.PORT ?? 3001);
const host = process.env.HOST ?? '127.0.0.1';
if (process.env.BARE_CLASSES === 'express') createServer(messageClasses(app), app).listen(port, host);
else app.listen(port, host);
process.once('SIGTERM', () => process.exit(0));
