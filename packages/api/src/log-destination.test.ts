import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogDestination, LOG_BUFFER_BYTES } from './log-destination.js';

const dir = mkdtempSync(join(tmpdir(), 'paylens-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const read = (file: string) => readFileSync(file, 'utf8');

describe('createLogDestination', () => {
  it('holds lines until a buffer of them is waiting, then writes them together', () => {
    const file = join(dir, 'buffered.log');
    // No timer in this test: the period is longer than the test.
    const destination = createLogDestination({ dest: file, flushMs: 3_600_000 });
    const logger = pino({ level: 'info' }, destination);
    logger.info({ n: 0 }, 'request');
    expect(read(file)).toBe('');
    let n = 1;
    while (read(file) === '') logger.info({ n: n++ }, 'request');
    const written = read(file).split('\n').filter(Boolean);
    // Everything up to the line that took the buffer to LOG_BUFFER_BYTES went out in one write.
    expect(written).toHaveLength(n);
    expect(Buffer.byteLength(read(file))).toBeGreaterThanOrEqual(LOG_BUFFER_BYTES);
    expect(written.map((line) => (JSON.parse(line) as { n: number }).n)).toEqual([...Array(n).keys()]);
    destination.end();
  });

  it('writes what is waiting on flush', () => {
    const file = join(dir, 'flushed.log');
    const destination = createLogDestination({ dest: file, flushMs: 3_600_000 });
    const logger = pino({ level: 'info' }, destination);
    logger.info('listening');
    expect(read(file)).toBe('');
    destination.flush();
    expect(read(file)).toContain('"msg":"listening"');
    destination.end();
  });

  it('writes what is waiting when the process exits, however it exits', () => {
    const source = new URL('./log-destination.ts', import.meta.url).pathname;
    for (const ending of ['process.exit(3)', "throw new Error('boom')"]) {
      const file = join(dir, `exit-${ending.length}.log`);
      const script = [
        "import { pino } from 'pino';",
        `import { createLogDestination } from ${JSON.stringify(source)};`,
        `const logger = pino({ level: 'info' }, createLogDestination({ dest: ${JSON.stringify(file)} }));`,
        "logger.info('last words');",
        ending,
      ].join('\n');
      const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: new URL('..', import.meta.url).pathname,
        encoding: 'utf8',
      });
      expect(child.status, child.stderr).not.toBe(0);
      expect(read(file)).toContain('"msg":"last words"');
    }
  });
});
