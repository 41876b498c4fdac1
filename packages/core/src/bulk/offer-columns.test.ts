import { describe, expect, it } from 'vitest';
import { isCsvHeaderError } from '../errors/index.js';
import { normalizeColumnName, resolveOfferColumns } from './offer-columns.js';

function headerError(header: string[]) {
  try {
    resolveOfferColumns(header);
  } catch (error) {
    if (isCsvHeaderError(error)) return error;
    throw error;
  }
  throw new Error('expected a CsvHeaderError');
}

describe('normalizeColumnName', () => {
  it('ignores case, spaces, underscores and hyphens', () => {
    for (const name of ['yearsExperience', 'Years Experience', 'YEARSEXPERIENCE', ' years_experience ', 'years-experience']) {
      expect(normalizeColumnName(name)).toBe('yearsexperience');
    }
  });
});

describe('resolveOfferColumns', () => {
  it('locates known columns in any case and spacing, and carries unknown ones', () => {
    const header = ['Employee', ' BASE ', 'Years Experience', 'Skills', 'notes', ''];
    const map = resolveOfferColumns(header);
    expect(map.index.base).toBe(1);
    expect(map.index.yearsExperience).toBe(2);
    expect(map.index.skills).toBe(3);
    expect(map.index.level).toBe(-1);
    expect(map.carried).toEqual([0, 1, 2, 3, 4, 5]);
    expect(map.header).toBe(header);
  });

  it('drops stale result columns from a file that was itself an answer', () => {
    const map = resolveOfferColumns(['base', 'verdict', 'Compa Ratio', 'error', 'team']);
    expect(map.carried).toEqual([0, 4]);
  });

  it('refuses a header without base, listing the expected columns and what was found', () => {
    const error = headerError(['salary', 'level']);
    expect(error.issues[0]).toEqual({ path: 'base', message: "Missing required column 'base'" });
    expect(error.message).toMatch(
      /Missing required column 'base'; expected columns: base \(required\), bonus, role, level, yearsExperience/,
    );
    expect(error.message).toMatch(/found: salary, level/);
    expect(error.expected).toContain('skills');
  });

  it('refuses a column given twice, and an empty header', () => {
    expect(headerError(['base', 'Base']).issues[0]?.message).toMatch(/appears twice \(columns 1 and 2\)/);
    expect(headerError([]).message).toMatch(/empty/);
  });

  it('does not mutate the header', () => {
    const header = Object.freeze(['base', 'level']);
    expect(() => resolveOfferColumns(header)).not.toThrow();
  });
});
