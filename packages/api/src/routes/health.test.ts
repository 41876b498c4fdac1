import { getDefaultDataset } from '@paylens/core';
import { pino } from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app.js';

describe('health probes', () => {
  it('/healthz is always ok; /readyz is 503 while draining', async () => {
    let ready = true;
    const app = createApp({ dataset: getDefaultDataset(), logger: pino({ level: 'silent' }), isReady: () => ready });
    expect((await request(app).get('/readyz')).body).toMatchObject({ status: 'ready', dataset: { roles: 1 } });
    ready = false;
    const res = await request(app).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect((await request(app).get('/healthz')).body).toEqual({ status: 'ok' });
  });
});
