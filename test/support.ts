import { Writable } from 'node:stream';
import { type CreateAppOptions, createApp, defineRoute } from '@paylens/api';
import { getDefaultDataset } from '@paylens/core';
import { pino } from 'pino';
import * as z from 'zod';

/** A logger whose lines are kept for inspection. */
export function captureLogs() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

/** The app over the bundled data, rate limiting off and logs kept, unless told otherwise. */
export function testApp(options: Partial<CreateAppOptions> = {}): { app: ReturnType<typeof createApp>; logs: string[] } {
  const { logger, lines } = captureLogs();
  const app = createApp({ dataset: getDefaultDataset(), logger, ...options, config: { rateLimit: false, ...options.config } });
  return { app, logs: lines };
}

/** A route at GET /boom that throws `error`: what an unexpected failure looks like to the app. */
export function failingRoute(error: Error) {
  return defineRoute({
    method: 'get',
    path: '/boom',
    operationId: 'boom',
    summary: 'Fails',
    tags: [],
    response: { schema: z.object({}), description: 'never' },
    handler: () => {
      throw error;
    },
  });
}
