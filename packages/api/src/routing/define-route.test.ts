import { getDefaultDataset } from '@paylens/core';
import { pino } from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApp } from '../app.js';
import { buildOpenApiDocument } from '../openapi.js';
import { defineRoute } from './define-route.js';
import { toQuerySchema } from './query-schema.js';

const EchoSchema = z
  .object({ name: z.string().meta({ description: 'Name', example: 'x' }), times: z.number().meta({ description: 'Times', example: 2 }) })
  .meta({ id: 'Echo', description: 'An echo' });

const echo = defineRoute({
  method: 'get',
  path: '/echo/{name}',
  operationId: 'echo',
  summary: 'Echoes',
  tags: ['test'],
  params: z.object({ name: z.string().meta({ description: 'Name', example: 'x' }) }),
  query: toQuerySchema({ times: z.number().int().min(1).optional().meta({ description: 'Times', example: 2 }) }),
  response: { schema: EchoSchema, description: 'The echo' },
  handler: async ({ params, query }) => ({ name: params.name, times: query.times ?? 1 }),
});

const app = createApp({ dataset: getDefaultDataset(), logger: pino({ level: 'silent' }), routes: [echo], config: { rateLimit: false } });

describe('defineRoute: one definition, both the handler and the documented path', () => {
  it('mounts a handler that gets parsed params and query', async () => {
    const res = await request(app).get('/echo/hello?times=3');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ name: 'hello', times: 3 });
    const bad = await request(app).get('/echo/hello?times=0');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('times');
  });

  it('registers the same route in the OpenAPI document', () => {
    const doc = buildOpenApiDocument([echo]);
    const op = doc.paths?.['/echo/{name}']?.get;
    expect(op?.operationId).toBe('echo');
    expect(op?.parameters).toEqual([
      expect.objectContaining({ name: 'name', in: 'path', required: true }),
      expect.objectContaining({ name: 'times', in: 'query', required: false }),
    ]);
    expect(op?.responses?.['200']?.content?.['application/json']?.schema).toEqual({ $ref: '#/components/schemas/Echo' });
    expect(Object.keys(op?.responses ?? {})).toEqual(['200', '400', '429', '500']);
  });
});
