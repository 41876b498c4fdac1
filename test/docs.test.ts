// Swagger UI at /docs in Debian's headless Chromium: it loads with no outside request under the
// API's CSP, and "Try it out" on an operation gets a real 200 answer from the same server.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '@paylens/api';
import { getDefaultDataset } from '@paylens/core';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
let server: Server;
let origin: string;
let context: BrowserContext;
let userDataDir: string;
const outside: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install it with \`apt-get install -y chromium\` (.ci/run does this)`);
  const app = createApp({ dataset: getDefaultDataset(), config: { rateLimit: false, logLevel: 'silent' } });
  server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  userDataDir = await mkdtemp(join(tmpdir(), 'paylens-docs-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
    timeout: 60_000,
  });
  context.setDefaultTimeout(20_000);
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin)) return route.continue();
    outside.push(url);
    return route.abort();
  });
}, 90_000);

afterAll(async () => {
  await context?.close();
  await new Promise((resolve) => server?.close(resolve));
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
});

describe('Swagger UI at /docs', () => {
  it('renders the document and "Try it out" on GET /v1/estimates answers 200 with an estimate', async () => {
    const page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await page.goto(`${origin}/docs/`);
    const op = page.locator('[id$="getEstimate"]').first();
    await op.locator('.opblock-summary').first().click();
    // The UI is configured with tryItOutEnabled, so the form may already be open.
    const tryOut = op.locator('button.try-out__btn');
    if ((await tryOut.textContent())?.includes('Try it out')) await tryOut.click();
    await op.locator('tr[data-param-name="level"] input').fill('mid');
    await op.locator('tr[data-param-name="region"] input').fill('us-ca-san-francisco');
    const answer = page.waitForResponse((r) => r.url().startsWith(`${origin}/v1/estimates?`));
    await op.locator('button.execute').click();
    const response = await answer;
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { level: string; region: string; base: { p50: number } };
    expect(body).toMatchObject({ level: 'mid', region: 'us-ca-san-francisco' });
    await expect.poll(() => op.locator('.live-responses-table tbody .response-col_status').first().textContent()).toContain('200');
    expect(outside).toEqual([]);
    expect(consoleErrors.filter((e) => /Content Security Policy|Refused/.test(e))).toEqual([]);
    await page.close();
  }, 90_000);
});
