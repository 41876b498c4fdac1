// End-to-end: the `paylens` command as users run it, in a child process.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

function paylens(args: string[], stdin = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // The bin launcher, exactly as `npx paylens` / the installed bin runs it.
    const child = spawn(process.execPath, ['packages/api/bin/paylens.js', ...args], {
      cwd: root,
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('paylens (child process)', () => {
  it('benchmarks the sample offers from stdin to stdout and exits 1 for the failed rows', async () => {
    const { readFile } = await import('node:fs/promises');
    const csv = await readFile(new URL('../data/examples/offers.csv', import.meta.url), 'utf8');
    const r = await paylens(['benchmark'], csv);
    expect(r.code).toBe(1);
    expect(r.stdout.trim().split('\n')).toHaveLength(21);
    expect(r.stderr).toMatch(/^paylens: 20 rows: 14 ok, 6 failed/);
  });

  it('exits 0 with a table for estimate, and 2 with one line and no stack trace for bad input', async () => {
    const ok = await paylens(['estimate', '--level', 'mid']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/base\s+.*90,000/);

    const bad = await paylens(['benchmark'], 'salary\n1\n');
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/^paylens: Missing required column 'base'/);
  });
});
