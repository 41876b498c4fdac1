import { describe, expect, it } from 'vitest';
import { type DatasetProblem, isDatasetError } from '../errors/index.js';
import { DEFAULT_DATA_FILES } from '../generated/default-data.js';
import { buildDataset } from './build-dataset.js';

function problemsOf(files: Record<string, string | undefined>): DatasetProblem[] {
  try {
    buildDataset(files);
  } catch (error) {
    if (isDatasetError(error)) return [...error.problems];
    throw error;
  }
  throw new Error('expected the data set to be refused');
}

/** The bundled files with one file replaced. */
const withFile = (file: string, text: string | undefined) => ({ ...DEFAULT_DATA_FILES, [file]: text });
const regions = DEFAULT_DATA_FILES['regions.csv'] ?? '';
const regionLines = regions.split('\n');

describe('buildDataset', () => {
  it('loads the bundled data set and freezes it', () => {
    const ds = buildDataset(DEFAULT_DATA_FILES);
    expect(ds.regions.all.length).toBeGreaterThanOrEqual(89);
    expect(ds.rootRegionId).toBe('us');
    expect(Object.isFrozen(ds.regions.all)).toBe(true);
    expect(Object.isFrozen(ds.regions.byId['us-ca'])).toBe(true);
    expect(ds.regions.byId.constructor).toBeUndefined();
    expect(Object.getPrototypeOf(ds.regions.byId)).toBeNull();
  });

  it('has all 50 states and DC, each with a 2024 price parity', () => {
    const ds = buildDataset(DEFAULT_DATA_FILES);
    const states = ds.regions.all.filter((r) => r.kind === 'state');
    expect(states).toHaveLength(51);
    for (const s of states) expect(s.rpp?.year).toBe(2024);
  });

  it('refuses a missing column, naming file, line 1 and the column', () => {
    const text = regions.replace('id,name,kind,parent_id', 'id,name,parent_id');
    const p = problemsOf(withFile('regions.csv', text));
    expect(p).toContainEqual(expect.objectContaining({ file: 'regions.csv', line: 1, column: 'kind', reason: "missing column 'kind'" }));
  });

  it('refuses a bad number with its line and column', () => {
    const lines = (DEFAULT_DATA_FILES['pay-figures.csv'] ?? '').split('\n');
    lines[2] = (lines[2] ?? '').replace(',1096,', ',1O96,');
    const p = problemsOf(withFile('pay-figures.csv', lines.join('\n')));
    expect(p).toEqual([
      expect.objectContaining({ file: 'pay-figures.csv', line: 3, column: 'value', reason: expect.stringMatching(/number.*1O96/) }),
    ]);
  });

  it('refuses a duplicate id, pointing at both lines', () => {
    const text = `${regions.trimEnd()}\n${regionLines[3]}\n`;
    const p = problemsOf(withFile('regions.csv', text));
    expect(p).toEqual([
      expect.objectContaining({
        file: 'regions.csv',
        line: regionLines.length,
        column: 'id',
        reason: expect.stringMatching(/duplicate id .* line 4/),
      }),
    ]);
  });

  it('refuses an unknown reference', () => {
    const lines = (DEFAULT_DATA_FILES['pay-figures.csv'] ?? '').split('\n');
    lines[3] = (lines[3] ?? '').replace('us-ca-san-francisco', 'us-ca-atlantis');
    const p = problemsOf(withFile('pay-figures.csv', lines.join('\n')));
    expect(p).toContainEqual(
      expect.objectContaining({ file: 'pay-figures.csv', line: 4, column: 'region_id', reason: "unknown region 'us-ca-atlantis'" }),
    );
  });

  it('refuses an empty file and a missing required file', () => {
    expect(problemsOf(withFile('levels.csv', ''))).toContainEqual(
      expect.objectContaining({ file: 'levels.csv', reason: expect.stringMatching(/empty/) }),
    );
    expect(problemsOf(withFile('roles.csv', undefined))).toContainEqual(
      expect.objectContaining({ file: 'roles.csv', line: 0, reason: 'required file is missing' }),
    );
  });

  it('accepts a byte-order mark and CRLF line ends', () => {
    const files = Object.fromEntries(Object.entries(DEFAULT_DATA_FILES).map(([k, v]) => [k, `\uFEFF${v.replaceAll('\n', '\r\n')}`]));
    const ds = buildDataset(files);
    expect(ds.regions.byId['us-ca-san-francisco']?.rpp?.value).toBe(115.613);
  });

  it('counts lines correctly after a quoted field that holds a newline', () => {
    const lines = regions.split('\n');
    lines[1] = (lines[1] ?? '').replace('United States', '"United\nStates"');
    lines[5] = (lines[5] ?? '').replace(',state,', ',province,');
    const p = problemsOf(withFile('regions.csv', lines.join('\n')));
    // Line 2 now spans two physical lines, so the bad row (index 5) is on physical line 7.
    expect(p[0]).toEqual(expect.objectContaining({ file: 'regions.csv', line: 7, column: 'kind' }));
  });

  it('refuses a row with the wrong number of fields and an unclosed quote', () => {
    const lines = regions.split('\n');
    lines[4] = `${lines[4]},extra`;
    expect(problemsOf(withFile('regions.csv', lines.join('\n')))[0]).toEqual(
      expect.objectContaining({ file: 'regions.csv', line: 5, reason: 'expected 7 fields, found 8' }),
    );
    expect(problemsOf(withFile('regions.csv', `${regions}us-zz,"Nowhere,state,us,99,bea-rpp-state-2024,\n`))[0]).toEqual(
      expect.objectContaining({ file: 'regions.csv', reason: expect.stringMatching(/unreadable CSV: Quote Not Closed/) }),
    );
  });

  it('reports every problem at once, across files', () => {
    const p = problemsOf({
      ...DEFAULT_DATA_FILES,
      'regions.csv': regions.replace(',state,us,', ',state,us-nowhere,'),
      'levels.csv': (DEFAULT_DATA_FILES['levels.csv'] ?? '').replace(',5,judgement,', ',five,judgement,'),
    });
    expect(p).toContainEqual(expect.objectContaining({ file: 'levels.csv', column: 'min_years' }));
    expect(p).toContainEqual(expect.objectContaining({ file: 'regions.csv', column: 'parent_id', reason: "unknown region 'us-nowhere'" }));
  });

  it('refuses a cycle in the region tree', () => {
    const text = regions.replace(/^us,United States,national,,/m, 'us,United States,national,us-al,');
    const p = problemsOf(withFile('regions.csv', text));
    expect(p.some((x) => x.file === 'regions.csv' && /parent|ancestor/.test(x.reason))).toBe(true);
  });
});
