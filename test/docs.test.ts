// Swagger UI at /docs in Debian's headless Chromium: it loads with no outside request under the
// API's CSP, and "Try it out" on an operation gets a real 200 answer from the same server.
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHarness, startBrowserHarness } from './browser.js';

let harness: BrowserHarness;
let origin: string;
let context: BrowserContext;
let outside: string[];
const consoleErrors: string[] = [];

beforeAll(async () => {
  harness = await startBrowserHarness();
  ({ origin, context, outside } = harness);
}, 90_000);

afterAll(async () => {
  await harness?.close();
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
