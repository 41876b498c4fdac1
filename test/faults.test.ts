// Faults: SIGTERM under load (the real process), a data directory with problems in several files,
// and bulk uploads cut off mid-stream.
import { once } from 'node:events';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listen, type RunningServer } from '@paylens/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLogs, listeningPort, ROOT, spawnServer, testApp } from './support.js';

const BATCH = '/v1/offers/benchmark/batch';

/** One request on a fresh connection: its status, or the error code of a connection that failed. */
function hit(port: number, path: string): Promise<{ status?: number; error?: string }> {
  return new Promise((resolve) => {
    get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      res.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
    }).on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
  });
}

/** A raw HTTP exchange, for requests no client library would send. */
function rawExchange(port: number) {
  const socket = connect(port, '127.0.0.1');
  let answer = '';
  socket.on('data', (d) => {
    answer += d;
  });
  socket.on('error', () => {});
  const closed = once(socket, 'close').then(() => answer);
  return { socket, closed, ready: once(socket, 'connect') };
}

const csvRows = (n: number) => `base,level,region\r\n${'90000,mid,us\r\n'.repeat(n)}`;

describe('SIGTERM during load', () => {
  it('requests in flight complete, new connections are refused, and the process exits 0 within 10 s', async () => {
    const server = spawnServer({ RATE_LIMIT_MAX: '0', PORT: '0' });
    const port = await listeningPort(server);

    // An upload in flight: headers and half the body sent before the signal, the rest after it.
    const body = csvRows(400);
    const upload = rawExchange(port);
    await upload.ready;
    const half = Math.floor(body.length / 2);
    upload.socket.write(`POST ${BATCH} HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\nContent-Length: ${body.length}\r\n\r\n`);
    upload.socket.write(body.slice(0, half));

    // Load: 8 clients, each a request after another on fresh connections, until refused.
    let signalled = false;
    const before: { status?: number; error?: string }[] = [];
    const after: { status?: number; error?: string }[] = [];
    const client = async () => {
      for (;;) {
        const result = await hit(port, '/v1/estimates?level=mid&region=us-ca-san-francisco');
        (signalled ? after : before).push(result);
        if (result.error === 'ECONNREFUSED') return;
      }
    };
    const clients = Array.from({ length: 8 }, client);
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    const t0 = performance.now();
    signalled = true;
    server.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    upload.socket.write(body.slice(half));
    await Promise.all(clients);
    const code = await server.exit;
    const seconds = (performance.now() - t0) / 1000;

    console.info(
      `SIGTERM under load: exit ${code} after ${seconds.toFixed(2)} s; ${before.length} requests before, after: ${after.filter((r) => r.status).length} completed, ${after.filter((r) => r.error).length} refused`,
    );
    expect(code).toBe(0);
    expect(seconds).toBeLessThan(10);
    expect(before.length).toBeGreaterThan(8);
    expect(before.filter((r) => r.status !== 200)).toEqual([]);
    // Once the signal is in, a request either completes (it was accepted) or its connection is refused,
    // or reset when it was still in the kernel's accept queue as the listening socket closed.
    expect(after.filter((r) => r.status !== undefined && r.status !== 200)).toEqual([]);
    expect(after.filter((r) => r.error !== undefined && r.error !== 'ECONNREFUSED' && r.error !== 'ECONNRESET')).toEqual([]);
    expect(after.some((r) => r.error === 'ECONNREFUSED')).toBe(true);

    const answer = await upload.closed;
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    const results = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as { results: unknown[] };
    expect(results.results).toHaveLength(400);
    expect(server.out.stdout).toContain('"msg":"stopped"');
  }, 60_000);
});

describe('a bad data directory', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses start-up with every problem in every file listed, and exit code 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paylens-faults-'));
    dirs.push(dir);
    cpSync(join(ROOT, 'data'), dir, { recursive: true });
    const edit = (file: string, line: number, text: string) => {
      const lines = readFileSync(join(dir, file), 'utf8').split('\n');
      lines[line - 1] = text;
      writeFileSync(join(dir, file), lines.join('\n'));
    };
    const firstRow = readFileSync(join(dir, 'pay-figures.csv'), 'utf8').split('\n')[1] ?? '';
    edit('pay-figures.csv', 2, firstRow.replace(/,85504,/, ',lots,'));
    edit('skills.csv', 3, 'hl7,HL7,technical,HL7 messaging.,no-such-source');
    edit('levels.csv', 3, 'pacs-administrator,mid,Mid-level,two,2,judgement,A few years.,pbc-salary-average');
    const server = spawnServer({ PAYLENS_DATA_DIR: dir, PORT: '0' });
    expect(await server.exit).toBe(2);
    const stderr = server.out.stderr;
    expect(stderr).toMatch(/pay-figures\.csv:2\b/);
    expect(stderr).toMatch(/skills\.csv:3\b/);
    expect(stderr).toMatch(/levels\.csv:3\b/);
    const count = Number(/refused \((\d+) problems?\)/.exec(stderr)?.[1]);
    expect(count).toBeGreaterThanOrEqual(3);
    expect(stderr).not.toMatch(/\bat \w|node_modules/);
  }, 30_000);
});

describe('bulk uploads cut off mid-stream', () => {
  const { app, logs } = testApp();
  let running: RunningServer;
  beforeAll(async () => {
    running = await listen(app, { port: 0, host: '127.0.0.1', logger: captureLogs().logger });
  });
  afterAll(() => running.close());

  const send = async (head: string, body: string, how: 'half-close' | 'destroy' | 'wait') => {
    const x = rawExchange(running.port);
    await x.ready;
    x.socket.write(head + body);
    if (how === 'half-close') x.socket.end();
    if (how === 'destroy') setTimeout(() => x.socket.destroy(), 50);
    return x.closed;
  };

  it('CSV or JSON shorter than its Content-Length, then the client stops sending: a clean 400 problem', async () => {
    const csv = csvRows(300);
    const json = JSON.stringify({ offers: Array.from({ length: 300 }, () => ({ base: 91_357, level: 'mid' })) });
    for (const [type, body] of [
      ['text/csv', csv],
      ['application/json', json],
    ] as const) {
      const head = `POST ${BATCH} HTTP/1.1\r\nHost: x\r\nContent-Type: ${type}\r\nContent-Length: ${body.length * 2}\r\n\r\n`;
      const answer = await send(head, body, 'half-close');
      expect(answer, type).toMatch(/^HTTP\/1\.1 400 /);
      expect(answer, type).toMatch(/content-type: application\/problem\+json/i);
      expect(answer, type).not.toMatch(/91357|90000/);
    }
  });

  it('a chunked upload whose framing breaks mid-stream: a clean 400 problem', async () => {
    const csv = csvRows(200);
    const head = `POST ${BATCH} HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\nTransfer-Encoding: chunked\r\n\r\n`;
    const answer = await send(head, `${csv.length.toString(16)}\r\n${csv}\r\nnot-a-chunk-size\r\n`, 'wait');
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toMatch(/"status":400/);
  });

  it('a client that vanishes mid-upload leaves the server healthy and answering batches right', async () => {
    const head = `POST ${BATCH} HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\nContent-Length: 1000000\r\n\r\n`;
    await Promise.all(Array.from({ length: 5 }, () => send(head, csvRows(500), 'destroy')));
    expect((await hit(running.port, '/healthz')).status).toBe(200);
    const body = csvRows(3);
    const answer = await send(
      `POST ${BATCH} HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
      body,
      'wait',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)).results).toHaveLength(3);
    expect(logs.filter((line) => /"level":(50|60)/.test(line))).toEqual([]);
  });
});
