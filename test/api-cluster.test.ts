// Several workers on one port: same answers from each, a dead worker replaced, a clean stop.
import { get } from 'node:http';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { spawnServer } from './support.js';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function getText(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      let body = '';
      res.on('data', (d) => {
        body += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    }).on('error', reject);
  });
}

/** Pids of the processes that logged they are listening. */
const listening = (stdout: string) =>
  stdout
    .split('\n')
    .filter((line) => line.includes('PayLens API on'))
    .map((line) => (JSON.parse(line) as { pid: number }).pid);

async function until(check: () => boolean, what: () => string): Promise<void> {
  const deadline = Date.now() + 25_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${what()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('PAYLENS_WORKERS', () => {
  it('runs N workers on one port answering alike, replaces a dead one, and drains them all on SIGTERM', async () => {
    const port = await freePort();
    const { child, out, exit } = spawnServer({ PAYLENS_WORKERS: '2', PORT: String(port) });
    await until(
      () => listening(out.stdout).length === 2,
      () => out.stdout + out.stderr,
    );
    const path = '/v1/estimates?level=mid&region=us-ca-san-francisco';
    const answers = await Promise.all([1, 2, 3, 4].map(() => getText(port, path)));
    expect(answers.every((a) => a.status === 200 && a.body === answers[0]?.body)).toBe(true);

    const [first] = listening(out.stdout);
    process.kill(first as number, 'SIGKILL');
    await until(
      () => listening(out.stdout).length === 3,
      () => out.stdout + out.stderr,
    );
    expect(out.stdout).toContain('worker died; starting another');
    expect((await getText(port, '/healthz')).status).toBe(200);

    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(out.stdout).toContain('all workers stopped');
  });

  it('refuses a bad worker count with exit code 2', async () => {
    const { out, exit } = spawnServer({ PAYLENS_WORKERS: 'many', PORT: '0' });
    expect(await exit).toBe(2);
    expect(out.stderr).toMatch(/PAYLENS_WORKERS: expected 'auto' or a whole number/);
  });
});
