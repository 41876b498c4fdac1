import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { benchmarkOffer, checkDataDir, estimateSalary, isDatasetError, loadDataset } from './node.js';

const dataDir = new URL('../../../data/', import.meta.url).pathname;
const REQUIRED = ['sources.csv', 'roles.csv', 'levels.csv', 'regions.csv', 'pay-figures.csv', 'occupations.csv', 'occupation-mappings.csv'];
const made: string[] = [];

async function dirWith(files: readonly string[], extra: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'paylens-data-'));
  made.push(dir);
  for (const f of files) await copyFile(join(dataDir, f), join(dir, f));
  for (const [name, text] of Object.entries(extra)) await writeFile(join(dir, name), text);
  return dir;
}

afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

describe('loadDataset / checkDataDir (bring your own data)', () => {
  it('loads the repository data directory, ignoring its examples/ subdirectory', async () => {
    const ds = await loadDataset(dataDir);
    expect(estimateSalary(ds, { level: 'mid' }).base.p50).toBe(90_000);
  });

  it('loads a directory holding only the required files', async () => {
    const ds = await loadDataset(await dirWith(REQUIRED));
    expect(ds.skills.all).toEqual([]);
    expect(benchmarkOffer(ds, { level: 'mid', offer: { base: 90_000 } }).verdict).toBe('competitive');
  });

  it('names each missing required file', async () => {
    const check = await checkDataDir(await dirWith(REQUIRED.slice(0, 5)));
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problems).toEqual([
      { file: 'occupations.csv', line: 0, reason: 'required file is missing' },
      { file: 'occupation-mappings.csv', line: 0, reason: 'required file is missing' },
    ]);
  });

  it('reports every problem across files, not just the first', async () => {
    const dir = await dirWith(REQUIRED, {
      'skills.csv': 'id,name,category,source_id\ndicom,DICOM,technical,nowhere\n',
      'notes.csv': 'a\n1\n',
    });
    await writeFile(join(dir, 'levels.csv'), 'role_id,id,name\n');
    const check = await checkDataDir(dir);
    if (check.ok) throw new Error('expected problems');
    const files = new Set(check.problems.map((p) => p.file));
    // levels.csv is broken, so level references elsewhere are reported too.
    for (const file of ['notes.csv', 'levels.csv', 'skills.csv', 'pay-figures.csv']) expect(files).toContain(file);
    expect(check.problems.every((p) => p.reason.length > 0)).toBe(true);
  });

  it('refuses a missing directory or a file given as a directory', async () => {
    const missing = await checkDataDir(join(tmpdir(), 'paylens-no-such-dir'));
    expect(missing).toEqual({ ok: false, problems: [expect.objectContaining({ reason: 'directory not found' })] });
    await expect(loadDataset(join(dataDir, 'roles.csv'))).rejects.toSatisfy(isDatasetError);
  });

  it('ignores subdirectories whose names end in .csv', async () => {
    const dir = await dirWith(REQUIRED);
    await mkdir(join(dir, 'archive.csv'));
    await expect(loadDataset(dir)).resolves.toBeDefined();
  });
});
