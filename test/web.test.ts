// End-to-end tests of the web page at `/`, in Debian's headless Chromium driven by playwright-core.
// The page must show exactly what the API answers for the same query, put API errors next to
// their fields, work at 360 px wide, and load nothing from outside the server.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Benchmark, Estimate, RegionComparison } from '@paylens/core';
import { webRoot } from '@paylens/web';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type BrowserHarness, startBrowserHarness } from './browser.js';

const ARTIFACTS = fileURLToPath(new URL('../test-artifacts/web/', import.meta.url));
const TIMEOUT = 90_000;

let harness: BrowserHarness | undefined;
let origin: string;
let context: BrowserContext;
/** Problems seen by the current test's page: console errors, failed or outside requests. */
let problems: string[] = [];
let outside: string[] = [];

/** Why the browser or server could not start: every test then fails with it (none is skipped). */
let setupError: unknown;

beforeAll(async () => {
  try {
    if (!existsSync(join(webRoot, 'index.html'))) {
      throw new Error(`The page is not built in ${webRoot}: run \`node packages/web/scripts/build.mjs\``);
    }
    await mkdir(ARTIFACTS, { recursive: true });
    harness = await startBrowserHarness();
    ({ origin, context, outside } = harness);
  } catch (error) {
    setupError = error;
  }
}, TIMEOUT);

beforeEach(() => {
  if (setupError) throw setupError;
});

afterAll(async () => {
  await harness?.close();
}, TIMEOUT);

afterEach(() => {
  expect(outside, 'requests outside the server').toEqual([]);
  expect(problems, 'console errors or failed requests').toEqual([]);
  problems = [];
});

/** Records console errors and failed loads; API answers of 4xx/5xx are expected in some tests. */
function watch(page: Page): void {
  page.on('console', (m) => {
    if (m.type() === 'error' && !/^Failed to load resource: the server responded with a status of/.test(m.text())) {
      problems.push(`console: ${m.text()}`);
    }
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !new URL(r.url()).pathname.startsWith('/v1/')) problems.push(`${r.status()}: ${r.url()}`);
  });
}

async function openPage(width = 1280, height = 900, hash = ''): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height });
  watch(page);
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  await page.goto(`${origin}/${hash}`);
  await page.locator('body[data-ready="true"]').waitFor();
  return page;
}

const api = async <T>(path: string, init?: RequestInit): Promise<{ status: number; body: T }> => {
  const res = await fetch(`${origin}${path}`, init);
  return { status: res.status, body: (await res.json()) as T };
};
const postJson = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** "$105,343" → 105343; "−$5,000 (−5.3%)" → -5000 (the first amount). */
function money(text: string | null): number {
  const match = /([−-])?\$([\d,]+)/.exec(text ?? '');
  if (!match?.[2]) throw new Error(`no amount in ${JSON.stringify(text)}`);
  return (match[1] ? -1 : 1) * Number(match[2].replaceAll(',', ''));
}

const text = async (page: Page, selector: string) => (await page.locator(selector).first().textContent())?.trim() ?? '';
const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
const horizontalOverflow = (page: Page) =>
  page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth') as Promise<number>;

async function fillProfile(page: Page, p: { level?: string; years?: string; region?: string; skills?: string[]; education?: string }) {
  if (p.level !== undefined) await page.selectOption('#level', p.level);
  if (p.years !== undefined) await page.fill('#years', p.years);
  if (p.region !== undefined) await page.fill('#region', p.region);
  for (const skill of p.skills ?? []) await page.check(`#skill-${skill}`);
  if (p.education !== undefined) await page.selectOption('#education', p.education);
}

describe('web page at /', () => {
  it(
    'loads as one HTML, one script and one style sheet, then only API calls; every control has a label',
    async () => {
      const requests: { type: string; url: string }[] = [];
      const page = await context.newPage();
      page.on('request', (r) => requests.push({ type: r.resourceType(), url: r.url() }));
      watch(page);
      await page.goto(`${origin}/`);
      await page.locator('body[data-ready="true"]').waitFor();
      const count = (type: string) => requests.filter((r) => r.type === type).length;
      expect(count('document')).toBe(1);
      expect(count('script')).toBe(1);
      expect(count('stylesheet')).toBe(1);
      const others = requests.filter((r) => !['document', 'script', 'stylesheet'].includes(r.type));
      for (const r of others) expect(r.url.startsWith(`${origin}/v1/`) || r.url === `${origin}/favicon.svg`, r.url).toBe(true);

      const unlabelled = await page.evaluate(`[...document.querySelectorAll('input, select, button')]
        .filter((el) => el.type !== 'hidden' && !el.classList.contains('visually-hidden'))
        .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !(el.textContent || '').trim())
        .map((el) => el.id || el.outerHTML)`);
      expect(unlabelled).toEqual([]);
      expect(await page.locator('#skill-groups input[type="checkbox"]').count()).toBeGreaterThanOrEqual(6);
      expect(await page.locator('#region-options option').count()).toBeGreaterThan(50);
      await page.close();
    },
    TIMEOUT,
  );

  it(
    'What should I earn? shows the API’s estimate: median, band, bonus, total, adjustments with sources',
    async () => {
      const page = await openPage();
      await fillProfile(page, {
        level: 'mid',
        region: 'San Francisco-Oakland-Fremont, CA',
        skills: ['dicom', 'hl7'],
        education: 'bachelors',
      });
      await page.click('#earn-form button[type="submit"]');
      await expect.poll(() => text(page, '#earn-status')).toMatch(/^Estimate ready/);

      const { body: e } = await api<Estimate>('/v1/estimates?level=mid&region=us-ca-san-francisco&skills=dicom,hl7&education=bachelors');
      expect(money(await text(page, '#earn-median'))).toBe(Math.round(e.base.p50));
      expect(money(await text(page, '[data-key="bonus"]'))).toBe(Math.round(e.bonus.mean));
      expect(money(await text(page, '[data-key="total"]'))).toBe(Math.round(e.total.p50));
      for (const k of ['p10', 'p25', 'p50', 'p75', 'p90', 'mean'] as const) {
        expect(money(await text(page, `#earn-result tr[data-key="${k}"] td[data-col="base"]`))).toBe(Math.round(e.base[k]));
        expect(money(await text(page, `#earn-result tr[data-key="${k}"] td[data-col="total"]`))).toBe(Math.round(e.total[k]));
      }
      // The band: one p10–p90 rect, one p25–p75 rect, the median line, named for assistive technology.
      const chart = page.locator('#earn-result svg.band-chart');
      await expect.poll(() => chart.getAttribute('role')).toBe('img');
      expect(await chart.locator('rect.band-outer').count()).toBe(1);
      expect(await chart.locator('rect.band-inner').count()).toBe(1);
      expect(await chart.locator('line.median').count()).toBe(1);
      expect(await chart.locator('desc').textContent()).toContain(await text(page, '#earn-median'));
      // Adjustments with their sources as links.
      const rows = page.locator('#earn-result table.adjustments tbody tr');
      expect(await rows.count()).toBe(e.adjustments.length);
      const region = e.adjustments.find((a) => a.kind === 'region');
      const regionSource = e.sources.find((s) => s.id === region?.sourceId);
      expect(await rows.locator('[data-label="Source"]').first().textContent()).toBe(regionSource?.title);
      for (const source of e.sources.filter((s) => s.url)) {
        expect(await page.locator(`#earn-result .sources a[href="${source.url}"]`).count()).toBe(1);
      }
      await shot(page, 'earn-desktop');
      await page.close();
    },
    TIMEOUT,
  );

  it(
    'Is this offer fair? marks the offer on the band with the API’s percentile, verdict and counter-offer',
    async () => {
      const page = await openPage(1280, 900, '#offer');
      expect(await page.locator('#panel-offer').isVisible()).toBe(true);
      await fillProfile(page, { level: 'mid' });
      await page.fill('#offer-base', '95000');
      await page.fill('#offer-bonus', '2000');
      await page.click('#offer-form button[type="submit"]');
      await expect.poll(() => text(page, '#offer-status')).toMatch(/percentile/);

      const { body: b } = await api<Benchmark>('/v1/offers/benchmark', postJson({ level: 'mid', offer: { base: 95_000, bonus: 2_000 } }));
      const verdicts = { 'below-market': 'Below market', competitive: 'Competitive', 'above-market': 'Above market' };
      expect(await text(page, '#offer-verdict')).toBe(verdicts[b.verdict]);
      expect(await text(page, '[data-key="percentile"]')).toMatch(new RegExp(`^${Math.round(b.percentile)}(st|nd|rd|th)$`));
      expect(await text(page, '[data-key="compa-ratio"]')).toBe(b.compaRatio.toFixed(2));
      expect(money(await text(page, '[data-key="median"]'))).toBe(Math.round(b.market.base.p50));
      expect(money(await text(page, '[data-key="gap"]'))).toBe(Math.round(b.delta.amount));
      const counter = (await text(page, '[data-key="counter"]')).split('–').map((part) => money(part));
      expect(counter).toEqual([Math.round(b.counterOffer.low), Math.round(b.counterOffer.high)]);
      const chart = page.locator('#offer-result svg.band-chart');
      expect(await chart.locator('line.offer').count()).toBe(1);
      expect(money(await chart.locator('text.offer-label').textContent())).toBe(95_000);
      await shot(page, 'offer-desktop');
      await page.close();
    },
    TIMEOUT,
  );

  it(
    'puts the API’s field errors next to the fields they name',
    async () => {
      const page = await openPage(1280, 900, '#offer');
      await page.fill('#offer-base', '-5');
      await page.click('#offer-form button[type="submit"]');
      const baseError = page.locator('#offer-base-error');
      await baseError.waitFor({ state: 'visible' });
      const { status, body } = await api<{ errors: { path: string; message: string }[] }>(
        '/v1/offers/benchmark',
        postJson({ offer: { base: -5 } }),
      );
      expect(status).toBe(400);
      expect(await baseError.textContent()).toBe(body.errors.find((x) => x.path === 'offer.base')?.message);
      expect(await page.getAttribute('#offer-base', 'aria-invalid')).toBe('true');
      expect(await page.getAttribute('#offer-base', 'aria-describedby')).toContain('offer-base-error');
      // The error is beside its field, and the summary links to it.
      const field = await page.locator('[data-field="offer.base"]').boundingBox();
      const error = await baseError.boundingBox();
      expect(error && field && error.y >= field.y && error.y + error.height <= field.y + field.height).toBe(true);
      await page.locator('#offer-errors a[href="#offer-base"]').click();
      expect(await page.evaluate('document.activeElement.id')).toBe('offer-base');
      await shot(page, 'offer-field-error');

      // Years out of range, in another view: the error goes next to the shared profile field.
      await page.click('#tab-earn');
      await page.fill('#years', '99');
      await page.click('#earn-form button[type="submit"]');
      const yearsError = page.locator('#years-error');
      await yearsError.waitFor({ state: 'visible' });
      const years = await api<{ errors: { path: string; message: string }[] }>('/v1/estimates?yearsExperience=99');
      expect(await yearsError.textContent()).toBe(years.body.errors.find((x) => x.path === 'yearsExperience')?.message);
      expect(await page.locator('#offer-base-error').isVisible()).toBe(false);
      expect(await page.locator('#earn-result').isVisible()).toBe(false);

      // No data for director: the API names the level field.
      await page.fill('#years', '');
      await page.selectOption('#level', 'director');
      await page.click('#earn-form button[type="submit"]');
      await page.locator('#level-error').waitFor({ state: 'visible' });
      const director = await api<{ errors: { path: string; message: string }[] }>('/v1/estimates?level=director');
      expect(await page.locator('#level-error').textContent()).toBe(director.body.errors.find((x) => x.path === 'level')?.message);

      // A problem that names no field goes in the view's general error area.
      await page.route('**/v1/estimates?*', (route) =>
        route.fulfill({
          status: 503,
          contentType: 'application/problem+json',
          body: JSON.stringify({
            type: 'urn:paylens:problem:unavailable',
            title: 'Service unavailable',
            status: 503,
            detail: 'Try again soon',
          }),
        }),
      );
      await page.selectOption('#level', 'mid');
      await page.click('#earn-form button[type="submit"]');
      await expect.poll(() => text(page, '#earn-errors')).toContain('Try again soon');
      expect(await page.locator('.field-error:visible').count()).toBe(0);
      await page.close();
    },
    TIMEOUT,
  );

  it(
    'Where does it pay most? charts and tabulates the API’s comparison, regions found by search',
    async () => {
      const page = await openPage(1280, 900, '#compare');
      await fillProfile(page, { level: 'senior' });
      await page.fill('#compare-search', 'seattle');
      await page.press('#compare-search', 'Enter');
      await expect.poll(() => page.locator('#compare-chips li').count()).toBe(5);
      await page.click('#compare-form button[type="submit"]');
      await expect.poll(() => text(page, '#compare-status')).toMatch(/^Comparison ready/);

      const ids = await page
        .locator('#compare-result tr[data-region]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-region') ?? ''));
      expect(ids).toContain('us-wa-seattle');
      const { body: c } = await api<RegionComparison>(`/v1/regions/compare?level=senior&regions=${ids.join(',')}`);
      expect(c.regions.map((r) => r.region)).toEqual(ids);
      for (const r of c.regions) {
        const row = page.locator(`#compare-result tr[data-region="${r.region}"]`);
        expect(money(await row.locator('[data-col="nominal"]').textContent())).toBe(Math.round(r.nominal.p50));
        const pp = await row.locator('[data-col="purchasing-power"]').textContent();
        if (r.purchasingPower) expect(money(pp)).toBe(Math.round(r.purchasingPower.p50));
        else expect(pp).toContain('—');
      }
      const chart = page.locator('#compare-result svg.bar-chart');
      expect(await chart.locator('rect.bar-nominal').count()).toBe(c.regions.length + 1);
      expect(await chart.locator('rect.bar-pp').count()).toBe(c.regions.filter((r) => r.purchasingPower).length + 1);

      // Removing a region by keyboard.
      await page.locator('#compare-chips button[aria-label^="Remove"]').first().focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('#compare-chips li').count()).toBe(4);
      await shot(page, 'compare-desktop');
      await page.close();
    },
    TIMEOUT,
  );

  it(
    'works from the keyboard: arrow keys switch views, Enter in a profile field runs the view shown',
    async () => {
      const page = await openPage();
      await page.focus('#tab-earn');
      await page.keyboard.press('ArrowRight');
      expect(await page.evaluate('document.activeElement.id')).toBe('tab-offer');
      expect(await page.locator('#panel-offer').isVisible()).toBe(true);
      expect(await page.locator('#panel-earn').isVisible()).toBe(false);
      await page.keyboard.press('End');
      expect(await page.getAttribute('#tab-compare', 'aria-selected')).toBe('true');
      await page.keyboard.press('Home');
      expect(page.url()).toMatch(/#earn$/);
      await page.fill('#years', '3');
      await page.press('#years', 'Enter');
      await expect.poll(() => text(page, '#earn-status')).toMatch(/^Estimate ready/);
      const { body: e } = await api<Estimate>('/v1/estimates?yearsExperience=3');
      expect(money(await text(page, '#earn-median'))).toBe(Math.round(e.base.p50));
      // Focus is visible: a focused control gets an outline.
      await page.focus('#years');
      const outline = await page.evaluate('getComputedStyle(document.activeElement).outlineStyle');
      expect(outline).not.toBe('none');
      await page.close();
    },
    TIMEOUT,
  );

  it(
    'fits a 360 px wide screen in every view without scrolling sideways',
    async () => {
      const page = await openPage(360, 800);
      expect(await horizontalOverflow(page)).toBe(0);
      await fillProfile(page, { level: 'mid', region: 'Nashville-Davidson--Murfreesboro--Franklin, TN', skills: ['dicom'] });
      await page.click('#earn-form button[type="submit"]');
      await expect.poll(() => text(page, '#earn-status')).toMatch(/^Estimate ready/);
      expect(await horizontalOverflow(page)).toBe(0);
      const svgWidth = await page.locator('#earn-result svg').evaluate((svg) => svg.getBoundingClientRect().width);
      expect(svgWidth).toBeLessThanOrEqual(360);
      await shot(page, 'earn-360');

      await page.click('#tab-offer');
      await page.fill('#offer-base', '70000');
      await page.click('#offer-form button[type="submit"]');
      await expect.poll(() => text(page, '#offer-status')).toMatch(/percentile/);
      expect(await horizontalOverflow(page)).toBe(0);
      await shot(page, 'offer-360');

      await page.click('#tab-compare');
      await page.fill('#compare-search', 'Nashville');
      await page.click('#compare-add');
      await expect.poll(() => page.locator('#compare-chips li').count()).toBe(5);
      await page.click('#compare-form button[type="submit"]');
      await expect.poll(() => text(page, '#compare-status')).toMatch(/^Comparison ready/);
      expect(await horizontalOverflow(page)).toBe(0);
      await shot(page, 'compare-360');
      await page.close();
    },
    TIMEOUT,
  );

  it(
    'serves the page with a strict CSP and cache headers: index revalidated, hashed assets immutable',
    async () => {
      const res = await fetch(`${origin}/`);
      const html = await res.text();
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=|\son\w+=/i);
      const assets = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
      expect(assets).toHaveLength(2);
      for (const asset of assets) {
        const a = await fetch(`${origin}/${asset}`);
        expect(a.status).toBe(200);
        expect(a.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      }
      // The API keeps its own, stricter policy.
      const json = await fetch(`${origin}/v1/skills`);
      expect(json.headers.get('content-security-policy')).toContain("default-src 'none'");
    },
    TIMEOUT,
  );
});
