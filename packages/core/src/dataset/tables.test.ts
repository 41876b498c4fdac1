import { describe, expect, it } from 'vitest';
import { cellSchemas } from './fields.js';
import { DATASET_FILES, sourcesTable } from './tables.js';

describe('table specs', () => {
  it('build each row schema once, on first use, and keep it', () => {
    const first = sourcesTable.row;
    expect(sourcesTable.row).toBe(first);
    expect(cellSchemas()).toBe(cellSchemas());
  });

  it('validate and convert a row as before', () => {
    const result = sourcesTable.row.safeParse({
      id: ' pbc-salary-average ',
      title: 'Salary',
      publisher: 'PACS Boot Camp',
      author: '',
      published: '2025',
      url: 'https://example.com/a',
      kind: 'article',
      via: '',
      notes: '',
    });
    expect(result.success && result.data).toEqual({
      id: 'pbc-salary-average',
      title: 'Salary',
      publisher: 'PACS Boot Camp',
      published: '2025',
      url: 'https://example.com/a',
      kind: 'article',
    });
  });

  it('each give a row schema', () => {
    for (const { spec } of DATASET_FILES) expect(typeof spec.row.safeParse).toBe('function');
  });
});
