// Shared by the browser tests: the API on an ephemeral 127.0.0.1 port and Debian's headless
// Chromium (driven by playwright-core) that refuses, and remembers, any request off that server.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '@paylens/api';
import { getDefaultDataset } from '@paylens/core';
import { type BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export interface BrowserHarness {
  readonly origin: string;
  readonly context: BrowserContext;
  /** Every URL the pages asked for that was not on the server (each was refused). */
  readonly outside: string[];
  readonly close: () => Promise<void>;
}

/** Starts the API and a fresh Chromium profile; `close` stops both and removes the profile. */
export async function startBrowserHarness(viewport = { width: 1280, height: 900 }): Promise<BrowserHarness> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install it with \`apt-get install -y chromium\` (.ci/run does this)`);
  }
  const app = createApp({ dataset: getDefaultDataset(), config: { rateLimit: false, logLevel: 'silent' } });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const userDataDir = await mkdtemp(join(tmpdir(), 'paylens-chromium-'));
  const close = async () => {
    await context?.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(userDataDir, { recursive: true, force: true });
  };
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
      viewport,
      timeout: 60_000,
    });
  } catch (error) {
    await close();
    throw error;
  }
  context.setDefaultTimeout(20_000);
  const outside: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin)) return route.continue();
    outside.push(url);
    return route.abort();
  });
  return { origin, context, outside, close };
}
