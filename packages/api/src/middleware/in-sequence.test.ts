import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { inSequence } from './in-sequence.js';

const mark =
  (name: string): RequestHandler =>
  (_req, res, next) => {
    res.append('X-Seen', name);
    next();
  };

function appWith(handlers: RequestHandler[]) {
  const app = express();
  app.use(inSequence(handlers));
  app.get('/x', (_req, res) => void res.send('x'));
  app.use((error: Error, _req: Request, res: Response, _next: NextFunction) => void res.status(500).send(error.message));
  return app;
}

describe('inSequence', () => {
  it('runs every middleware in order, then the routes', async () => {
    const res = await request(appWith([mark('a'), mark('b'), mark('c')])).get('/x');
    expect(res.status).toBe(200);
    expect(res.text).toBe('x');
    expect(res.headers['x-seen']).toBe('a, b, c');
  });

  it('with no middlewares, goes straight on', async () => {
    expect((await request(appWith([])).get('/x')).text).toBe('x');
  });

  it('stops at an error passed to next, thrown, or a rejected promise', async () => {
    const passed: RequestHandler = (_req, _res, next) => next(new Error('passed'));
    const thrown: RequestHandler = () => {
      throw new Error('thrown');
    };
    const rejected: RequestHandler = async () => {
      throw new Error('rejected');
    };
    for (const [failing, message] of [
      [passed, 'passed'],
      [thrown, 'thrown'],
      [rejected, 'rejected'],
    ] as const) {
      const res = await request(appWith([mark('a'), failing, mark('c')])).get('/x');
      expect(res.status).toBe(500);
      expect(res.text).toBe(message);
      expect(res.headers['x-seen']).toBe('a');
    }
  });

  it('stops when a middleware answers without calling next', async () => {
    const answer: RequestHandler = (_req, res) => void res.status(204).end();
    const res = await request(appWith([mark('a'), answer, mark('c')])).get('/x');
    expect(res.status).toBe(204);
    expect(res.headers['x-seen']).toBe('a');
  });
});
