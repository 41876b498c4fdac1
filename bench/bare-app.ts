// The baseline: a bare Express 5 app that answers the same JSON bodies as the API, precomputed.
// No middleware (no security headers, rate limit or logging), no validation, no computing: what
// Express itself costs. ETag off, as in the API. The POST route reads and parses its JSON body
// with express.json(), as any endpoint taking a body must; it answers the precomputed body.
// Env: PORT, HOST (default 127.0.0.1), BODIES_FILE (JSON: { estimate, benchmark } as strings).
import { readFileSync } from 'node:fs';
import express from 'express';

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
app.listen(Number(process.env.PORT ?? 3001), process.env.HOST ?? '127.0.0.1');
process.once('SIGTERM', () => process.exit(0));
