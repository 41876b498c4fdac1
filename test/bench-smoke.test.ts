// The benchmarks run (`pnpm bench --smoke`: tiny sizes, every section). No figure is checked:
// timing belongs in bench/RESULTS.md, not in a test.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'paylens-bench-smoke-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pnpm bench --smoke', () => {
  it('runs every benchmark and writes a report with each target and its status', () => {
    const out = join(dir, 'SMOKE.md');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--smoke', `--out=${out}`], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    const report = readFileSync(out, 'utf8');
    expect(report).toMatch(/^- Machine: .+, \d+ cores/m);
    expect(report).toMatch(/^- Node v\d+/m);
    for (const target of [
      'estimateSalary calls/s',
      'benchmarkOffer calls/s',
      'GET /v1/estimates req/s',
      'GET /v1/estimates p99 latency',
      'POST /v1/offers/benchmark req/s',
      'start-up to first /healthz 200',
      'bulk 2,000 rows, time',
      'bulk 2,000 rows, peak RSS',
    ]) {
      expect(report).toMatch(new RegExp(`^\\| ${target.replace(/[/.*+?^${}()|[\]\\]/g, '\\$&')}.*\\*\\*(PASS|FAIL)\\*\\* \\|$`, 'm'));
    }
    expect(report).toContain('## API on 1 and 2 workers (node:cluster)');
  }, 60_000);
});
