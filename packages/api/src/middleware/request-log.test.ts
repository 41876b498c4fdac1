import express from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { requestLog } from './request-log.js';

function appLogging() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  const app = express();
  app.use(requestLog(logger));
  app.get('/v1/things/:id', (req, res) => {
    res.locals.route = '/v1/things/{id}';
    // Answer out of order: the slower request first, so each line must still carry its own request.
    setTimeout(() => void res.status(req.params.id === 'slow' ? 201 : 200).send('ok'), req.params.id === 'slow' ? 30 : 0);
  });
  return { app, lines };
}

describe('requestLog', () => {
  it('logs one line per answer: id, method, route pattern, status, duration, and nothing from the URL', async () => {
    const { app, lines } = appLogging();
    const [slow, fast] = await Promise.all([
      request(app).get('/v1/things/slow?salary=123456').set('X-Request-Id', 'client-id.1'),
      request(app).post('/v1/things/fast'),
    ]);
    expect(slow.headers['x-request-id']).toBe('client-id.1');
    expect(fast.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines).toHaveLength(2);
    const bySlowness = Object.fromEntries(lines.map((line) => [line.reqId, line]));
    expect(bySlowness['client-id.1']).toMatchObject({ msg: 'request', method: 'GET', route: '/v1/things/{id}', status: 201 });
    expect(bySlowness[fast.headers['x-request-id'] as string]).toMatchObject({ method: 'POST', route: null, status: 404 });
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(['level', 'time', 'pid', 'hostname', 'reqId', 'method', 'route', 'status', 'durationMs', 'msg']);
      expect(line.durationMs).toBeGreaterThanOrEqual(0);
      expect(JSON.stringify(line)).not.toContain('123456');
    }
  });

  it('replaces a request id that is not 1–128 characters of [A-Za-z0-9_.:-]', async () => {
    const { app, lines } = appLogging();
    for (const bad of ['a b', 'x'.repeat(129), 'é']) {
      const res = await request(app).get('/v1/things/fast').set('X-Request-Id', bad);
      expect(res.headers['x-request-id']).not.toBe(bad);
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(lines.map((line) => line.reqId)).toHaveLength(3);
  });
});
