import { getDefaultDataset, parseInput } from '@paylens/core';
import { pino } from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
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

describe('defineRoute with stream: another media type in and out, documented beside JSON', () => {
  const Text = z.string().meta({ description: 'Plain text', example: 'hello' });
  const shout = defineRoute({
    method: 'post',
    path: '/shout',
    operationId: 'shout',
    summary: 'Shouts',
    tags: ['test'],
    body: z.object({ text: z.string().meta({ description: 'Text', example: 'hi' }) }),
    response: { schema: EchoSchema, description: 'The echo' },
    stream: {
      request: { mediaType: 'text/plain', schema: Text },
      response: { mediaType: 'text/plain', schema: Text },
      handler: async ({ body, req, res }) => {
        let text = body?.text ?? '';
        if (body === undefined) for await (const chunk of req) text += String(chunk);
        res.type('text/plain').send(text.toUpperCase());
      },
    },
    handler: ({ body }) => ({ name: body.text, times: 1 }),
  });
  const streamApp = createApp({
    dataset: getDefaultDataset(),
    logger: pino({ level: 'silent' }),
    routes: [shout],
    config: { rateLimit: false },
  });

  it('hands a body of the stream type, unread, or an Accept for it, to the stream handler', async () => {
    expect((await request(streamApp).post('/shout').send({ text: 'json' })).body).toEqual({ name: 'json', times: 1 });
    expect((await request(streamApp).post('/shout').set('Content-Type', 'text/plain').send('raw')).text).toBe('RAW');
    expect((await request(streamApp).post('/shout').set('Accept', 'text/plain').send({ text: 'json' })).text).toBe('JSON');
    const bad = await request(streamApp).post('/shout').set('Content-Type', 'text/html').send('<p>');
    expect(bad.status).toBe(415);
    expect(bad.body.detail).toContain('application/json or text/plain');
  });

  it('documents both media types of the request and of the answer', () => {
    const op = buildOpenApiDocument([shout]).paths?.['/shout']?.post;
    const body = op?.requestBody as { content: Record<string, unknown> } | undefined;
    expect(Object.keys(body?.content ?? {})).toEqual(['application/json', 'text/plain']);
    expect(Object.keys(op?.responses?.['200']?.content ?? {})).toEqual(['application/json', 'text/plain']);
  });
});

describe('defineRoute with bodyParsedByHandler: the body is parsed once, by the core function', () => {
  const Body = z.strictObject({ text: z.string().min(1).meta({ description: 'Text', example: 'hi' }), times: z.number().int().optional() });
  const seen: unknown[] = [];
  // As a core function does: it parses its own input with the same schema.
  const repeat = (input: unknown) => {
    const { text, times = 1 } = parseInput(Body, input);
    return { name: text.repeat(times), times };
  };
  const route = (bodyParsedByHandler: boolean) =>
    defineRoute({
      method: 'post',
      path: '/repeat',
      operationId: 'repeat',
      summary: 'Repeats',
      tags: ['test'],
      body: Body,
      ...(bodyParsedByHandler ? { bodyParsedByHandler: true as const } : {}),
      response: { schema: EchoSchema, description: 'The echo' },
      handler: ({ body }) => {
        seen.push(body);
        return repeat(body);
      },
    });
  const appFor = (bodyParsedByHandler: boolean) =>
    createApp({
      dataset: getDefaultDataset(),
      logger: pino({ level: 'silent' }),
      routes: [route(bodyParsedByHandler)],
      config: { rateLimit: false },
    });
  const once = appFor(true);
  const twice = appFor(false);

  it('hands the handler the JSON as sent', async () => {
    seen.length = 0;
    expect((await request(once).post('/repeat').send({ text: 'ab', times: 2 })).body).toEqual({ name: 'abab', times: 2 });
    expect(seen).toEqual([{ text: 'ab', times: 2 }]);
  });

  it('answers every request, good or bad, exactly as a route that parses the body first', async () => {
    const sends: ((app: typeof once) => request.Test)[] = [
      (app) => request(app).post('/repeat').send({ text: 'ab' }),
      (app) => request(app).post('/repeat').send({ text: '', times: 1.5, extra: true }),
      (app) => request(app).post('/repeat').send([1, 2]),
      (app) => request(app).post('/repeat').set('Content-Type', 'application/json').send('{"text":'),
      (app) => request(app).post('/repeat').set('Content-Type', 'text/plain').send('text'),
      (app) => request(app).post('/repeat').set('Content-Type', 'application/merge-patch+json').send('{"text":"x"}'),
      (app) => request(app).post('/repeat'),
    ];
    for (const send of sends) {
      const [a, b] = [await send(once), await send(twice)];
      expect(a.status).toBe(b.status);
      expect(a.headers['content-type']).toBe(b.headers['content-type']);
      expect(a.text.replace(/"requestId":"[^"]+"/, '')).toBe(b.text.replace(/"requestId":"[^"]+"/, ''));
    }
  });
});
