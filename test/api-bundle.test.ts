// The production build (`pnpm start`): packages/api/build/server.mjs, the launcher of the server
// bundled by esbuild (build/server.cjs, with its V8 code cache), run with plain node. It must serve what the TypeScript server serves, including
// the files it finds on disk through import.meta.url (the web page, the version in the OpenAPI
// document) and Swagger UI, which stays in node_modules; and refuse a bad data directory.
import { isAscii } from 'node:buffer';
import type { ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDefaultDataset } from '@paylens/core';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildServer } from '../packages/api/scripts/build-server.mjs';
import { listeningPort, ROOT, spawnServer, testApp } from './support.js';

let bundle = '';
let child: ChildProcess | undefined;
let port = 0;
const dirs: string[] = [];

/** The bundle started with plain node, as `pnpm start` runs it. */
const start = (env: Record<string, string>) => spawnServer({ PAYLENS_WORKERS: '1', PORT: '0', ...env }, [bundle]);

function fetchRaw(path: string, method = 'GET', body?: string): Promise<{ status: number; type: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method, agent: false, headers: body ? { 'content-type': 'application/json' } : {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  bundle = await buildServer();
  const started = start({});
  child = started.child;
  port = await listeningPort(started, 20_000);
}, 60_000);

afterAll(() => {
  child?.kill('SIGTERM');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the production bundle (node packages/api/build/server.mjs)', () => {
  const { app } = testApp({ dataset: getDefaultDataset() });

  it('is ASCII only, the launcher and the bundle, which loads no other file of the build (Node then holds its source as a one-byte string)', () => {
    const code = bundle.replace(/\.mjs$/, '.cjs');
    expect(readFileSync(code, 'utf8')).not.toMatch(/require\("\.\.?\//);
    for (const file of [bundle, code]) expect(isAscii(readFileSync(file)), file).toBe(true);
  });

  it('starts with the code cache that the build wrote', async () => {
    const started = start({ NODE_DEBUG: 'paylens' });
    await listeningPort(started, 20_000);
    started.child.kill('SIGTERM');
    await started.exit;
    expect(started.out.stderr).toMatch(/code cache: used server\.cjs\.[0-9a-f]{16}\.node-/);
  });

  it('starts its cluster workers through the launcher, with the code cache too', async () => {
    const started = start({ NODE_DEBUG: 'paylens', PAYLENS_WORKERS: '2' });
    // Both workers listening: the primary logs nothing with a port.
    await vi.waitFor(() => expect(started.out.stdout.match(/"port":\d+/g)).toHaveLength(2), { timeout: 20_000, interval: 50 });
    started.child.kill('SIGTERM');
    await started.exit;
    expect(started.out.stderr.match(/code cache: used /g)).toHaveLength(3);
  });

  it('answers exactly as the TypeScript app: page, OpenAPI document, insights', async () => {
    const body = JSON.stringify({ level: 'mid', region: 'us', offer: { base: 90_000 } });
    const cases: [string, string, string?][] = [
      ['GET', '/'],
      ['GET', '/favicon.svg'],
      ['GET', '/openapi.json'],
      ['GET', '/healthz'],
      ['GET', '/v1/regions'],
      ['GET', '/v1/estimates?level=mid&region=us-ca-san-francisco&skills=dicom,hl7&yearsExperience=4'],
      ['POST', '/v1/offers/benchmark', body],
    ];
    for (const [method, path, sent] of cases) {
      const got = await fetchRaw(path, method, sent);
      const want =
        method === 'GET'
          ? await supertest(app).get(path).buffer(true)
          : await supertest(app).post(path).set('content-type', 'application/json').send(sent);
      expect({ path, status: got.status, type: got.type }).toEqual({ path, status: want.status, type: want.headers['content-type'] });
      const wantBody = Buffer.isBuffer(want.body) ? want.body : Buffer.from(want.text);
      expect(got.body.equals(wantBody), path).toBe(true);
    }
  });

  it('serves the page’s hashed assets and Swagger UI from node_modules', async () => {
    const index = (await fetchRaw('/')).body.toString();
    const assets = [...index.matchAll(/(?:src|href)="\/?((?:app|style)-[^"]+)"/g)].map((m) => `/${m[1]}`);
    expect(assets).toHaveLength(2);
    for (const asset of assets) expect((await fetchRaw(asset)).status).toBe(200);
    const docs = await fetchRaw('/docs/');
    expect(docs.status).toBe(200);
    expect(docs.body.toString()).toContain('swagger-ui');
    const script = await fetchRaw('/docs/swagger-ui-bundle.js');
    expect(script.status).toBe(200);
    expect(script.body.length).toBeGreaterThan(100_000);
  });

  it('still validates a data directory in full, and refuses a bad one with exit code 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paylens-bundle-bad-'));
    dirs.push(dir);
    cpSync(join(ROOT, 'data'), dir, { recursive: true });
    const regions = readFileSync(join(dir, 'regions.csv'), 'utf8').split('\n');
    regions[2] = 'xx,broken';
    writeFileSync(join(dir, 'regions.csv'), regions.join('\n'));
    const { out, exit } = start({ PAYLENS_DATA_DIR: dir });
    expect(await exit).toBe(2);
    expect(out.stderr).toMatch(/regions\.csv:3: /);
  });
});
