import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RESULT_COLUMNS } from '@paylens/core';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './program.js';
import { createTestIo } from './test-io.js';

const root = new URL('../../../../', import.meta.url).pathname;
let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'paylens-cli-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function run(args: string[], options: Parameters<typeof createTestIo>[0] = {}) {
  const { io, stdout, stderr } = createTestIo({ cwd: root, ...options });
  const code = await runCli(args, io, { loadServer: async () => ({ startServer: async () => undefined }) });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

describe('paylens estimate', () => {
  it('prints a readable table', async () => {
    const r = await run(['estimate', '--level', 'mid', '--region', 'us-ca-san-francisco', '--skills', 'dicom,hl7']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/PACS administrator · Mid-level · San Francisco/);
    expect(r.stdout).toMatch(/^base\s+[\d,]+\s+[\d,]+\s+105,343/m);
    expect(r.stdout).toMatch(/region\s+×1\.1705/);
    expect(r.stderr).toBe('');
  });

  it('prints JSON with --json', async () => {
    const r = await run(['estimate', '--level', 'mid', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ level: 'mid', region: 'us', base: { p50: 90_000 } });
  });

  it('infers the level from --years', async () => {
    const r = await run(['estimate', '--years', '6', '--json']);
    expect(JSON.parse(r.stdout).levelBasis).toBe('inferred');
  });

  it('exits 2 with a one-line message naming the option, never a stack trace', async () => {
    for (const [args, message] of [
      [['estimate', '--region', 'us-zz'], /^paylens: --region: Unknown region 'us-zz'/],
      [['estimate', '--level', 'director'], /^paylens: --level: No source/],
      [['estimate', '--level', 'manager', '--years', '2'], /^paylens: --years: PACS manager needs at least 5 years/],
      [['estimate', '--years', 'many'], /^paylens: option '--years <n>' argument 'many' is invalid/],
      [['estimate', '--as-of', 'soon'], /^paylens: --as-of: /],
      [['estimate', '--colour', 'blue'], /^paylens: unknown option '--colour'/],
      [['estimte'], /^paylens: unknown command 'estimte'/],
    ] as const) {
      const r = await run([...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    }
  });
});

describe('paylens benchmark', () => {
  it('benchmarks the sample file to a CSV, exits 1 because some rows fail, and summarises on stderr', async () => {
    const out = join(tmp, 'results.csv');
    const r = await run(['benchmark', 'data/examples/offers.csv', '-o', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^paylens: 20 rows: 14 ok, 6 failed \(rows 9, 11, 13, 15, 16, 18\); 2 below-market, 10 competitive, 2 above-market; results in .*results\.csv\n$/,
    );
    const rows = parse(await readFile(out, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(20);
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'Candidate',
      'Requisition',
      'Base',
      'Bonus',
      'Level',
      'Years Experience',
      'Region',
      'Skills',
      'Education',
      'Notes',
      ...RESULT_COLUMNS,
    ]);
    expect(rows[8]).toMatchObject({ Candidate: 'Kim, Jae', verdict: '', error: "base: expected a number, got '95k'" });
  });

  it('reads stdin and writes stdout, exit 0 when every row succeeds', async () => {
    const r = await run(['benchmark'], { stdin: 'base,level\n90000,mid\n60000,mid\n' });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(`base,level,${RESULT_COLUMNS.join(',')}`);
    expect(r.stdout).toMatch(/^90000,mid,50,1,competitive,/m);
    expect(r.stderr).toBe('paylens: 2 rows: 2 ok, 0 failed; 1 below-market, 1 competitive, 0 above-market\n');
  });

  it("takes '-' for stdin and stdout, --quiet, and ndjson", async () => {
    const r = await run(['benchmark', '-', '-o', '-', '--quiet', '--format', 'ndjson'], { stdin: 'base\n90000\nx\n' });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ row: 1, ok: true, result: { verdict: expect.any(String) } });
    expect(lines[1]).toEqual({ row: 2, ok: false, error: { path: 'base', message: "expected a number, got 'x'" } });
  });

  it('draws progress only when stderr is a terminal', async () => {
    const r = await run(['benchmark', 'data/examples/offers.csv', '-o', join(tmp, 'p.csv')], { tty: true });
    const clearLine = '\r\u001b[K';
    expect(r.stderr.startsWith(clearLine)).toBe(true);
    expect(r.stderr.slice(clearLine.length)).toMatch(/^\[[#-]+\]\s+\d+%/);
    expect(r.stderr).toMatch(/paylens: 20 rows/);
  });

  it('exits 2 for a missing column, a missing file, or an output over the input', async () => {
    const noBase = await run(['benchmark'], { stdin: 'salary,level\n90000,mid\n' });
    expect(noBase.code).toBe(2);
    expect(noBase.stderr).toMatch(/^paylens: Missing required column 'base'; expected columns: base \(required\), bonus, role/);
    expect(noBase.stdout).toBe('');

    const missing = await run(['benchmark', 'nope.csv']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^paylens: no such file: .*nope\.csv\n$/);

    const same = await run(['benchmark', 'data/examples/offers.csv', '-o', 'data/examples/offers.csv']);
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/would overwrite the input/);
  });

  it('uses --data, and exits 2 listing every problem of a bad data directory', async () => {
    const bad = join(tmp, 'bad-data');
    const r = await run(['benchmark', '--data', bad], { stdin: 'base\n90000\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^paylens: the data set was refused \(1 problem\):\n {2}.*bad-data:0: directory not found\n$/);

    const good = await run(['benchmark', '--data', 'data'], { stdin: 'base\n90000\n' });
    expect(good.code).toBe(0);
  });
});

describe('paylens check-data', () => {
  it('exits 0 for a good directory', async () => {
    const r = await run(['check-data', 'data']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^data: ok: 1 role, 5 levels, \d+ regions/);
  });

  it('lists every problem and exits 2', async () => {
    const dir = join(tmp, 'broken');
    await import('node:fs/promises').then((fs) => fs.mkdir(dir));
    await writeFile(join(dir, 'roles.csv'), 'id,name\n');
    const r = await run(['check-data', dir]);
    expect(r.code).toBe(2);
    const lines = r.stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(3);
    expect(lines).toContain('sources.csv:0: required file is missing');
    expect(r.stderr).toMatch(/problems; the data set would be refused/);
  });
});

describe('paylens serve', () => {
  it('starts the server with the port and the resolved data directory', async () => {
    const calls: unknown[] = [];
    const { io } = createTestIo({ cwd: root, env: { PORT: '4000' } });
    const load = async () => ({ startServer: async (o: unknown) => void calls.push(o) });
    expect(await runCli(['serve', '--data', 'data'], io, { loadServer: load })).toBe(0);
    expect(await runCli(['serve', '--port', '5000'], io, { loadServer: load })).toBe(0);
    expect(calls).toEqual([{ port: 4000, dataDir: join(root, 'data') }, { port: 5000 }]);
  });

  it('exits 2 for a bad port', async () => {
    const r = await run(['serve', '--port', 'http']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/expected a port number/);
  });
});

describe('paylens --help', () => {
  it('answers on every command with exit 0', async () => {
    for (const args of [
      ['--help'],
      ['estimate', '--help'],
      ['benchmark', '--help'],
      ['check-data', '--help'],
      ['serve', '--help'],
      ['help'],
    ]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/^Usage: paylens/);
    }
    expect((await run(['benchmark', '--help'])).stdout).toMatch(/yearsExperience, region, education, skills/);
  });

  it('exits 2 and shows help when no command is given', async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Usage: paylens/);
  });
});
