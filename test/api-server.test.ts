// The server process: refuses bad data with exit code 2, and drains gracefully on shutdown.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get, IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineRoute, listen } from '@paylens/api';
import { afterAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { captureLogs, listeningPort, ROOT, spawnServer, testApp } from './support.js';

function getJson(port: number, path: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let text = '';
      res.on('data', (d) => {
        text += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    }).on('error', reject);
  });
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('server start-up', () => {
  it('refuses a bad data directory with every problem located, and exit code 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paylens-bad-'));
    dirs.push(dir);
    cpSync(join(ROOT, 'data'), dir, { recursive: true });
    const regions = readFileSync(join(dir, 'regions.csv'), 'utf8').split('\n');
    regions[2] = 'xx,broken';
    writeFileSync(join(dir, 'regions.csv'), regions.join('\n'));
    const { out, exit } = spawnServer({ PAYLENS_DATA_DIR: dir, PORT: '0' });
    expect(await exit).toBe(2);
    expect(out.stderr).toMatch(/regions\.csv:3: /);
    expect(out.stderr).toMatch(/region-indices\.csv:\d+ \[region_id\]: /);
    expect(out.stderr).not.toMatch(/\bat \w/);
  });

  it('serves, then exits 0 on SIGTERM', async () => {
    const server = spawnServer({ PORT: '0' });
    const { child, out, exit } = server;
    const port = await listeningPort(server, 20_000);
    expect(await getJson(port, '/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(out.stdout).toContain('"msg":"stopped"');
  });
});

describe('graceful drain', () => {
  it('stops taking connections, turns /readyz to 503, and lets requests in flight finish', async () => {
    let release: () => void = () => {};
    let entered: () => void = () => {};
    const inFlight = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const slow = defineRoute({
      method: 'get',
      path: '/slow',
      operationId: 'slow',
      summary: 'Waits to be released',
      tags: [],
      response: { schema: z.object({ done: z.boolean() }), description: 'done' },
      handler: () =>
        new Promise<{ done: boolean }>((resolve) => {
          entered();
          release = () => resolve({ done: true });
        }),
    });
    let ready = true;
    const { app } = testApp({ routes: [slow], isReady: () => ready });
    const { logger } = captureLogs();
    const running = await listen(app, {
      port: 0,
      host: '127.0.0.1',
      logger,
      onDrain: () => {
        ready = false;
      },
    });
    const pending = getJson(running.port, '/slow');
    await inFlight;
    const closed = running.close();
    expect(ready).toBe(false);
    await expect(getJson(running.port, '/healthz')).rejects.toThrow();
    release();
    expect(await pending).toEqual({ status: 200, body: { done: true } });
    await closed;
  });
});

describe('the listening server', () => {
  it("makes each request and response with the app's Express prototypes already in place, and serves as before", async () => {
    const { app } = testApp({});
    const { logger } = captureLogs();
    const running = await listen(app, { port: 0, host: '127.0.0.1', logger });
    try {
      const seen: boolean[] = [];
      // Before Express's handler: the objects as Node made them.
      running.server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
        seen.push(
          Object.getPrototypeOf(req) === app.request &&
            Object.getPrototypeOf(res) === app.response &&
            req instanceof IncomingMessage &&
            res instanceof ServerResponse,
        );
      });
      const answer = await getJson(running.port, '/v1/estimates?level=mid');
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ level: 'mid', levelBasis: 'requested' });
      expect((await getJson(running.port, '/v1/nothing-here')).status).toBe(404);
      expect(seen).toEqual([true, true]);
    } finally {
      await running.close();
    }
  });
});
