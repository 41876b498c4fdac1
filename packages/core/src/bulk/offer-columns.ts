import { CsvHeaderError } from '../errors/index.js';

/** The input columns of a bulk benchmark, in the order they are documented (SPEC §3). */
export const OFFER_COLUMNS = ['base', 'bonus', 'role', 'level', 'yearsExperience', 'region', 'education', 'skills', 'asOf'] as const;
export type OfferColumn = (typeof OFFER_COLUMNS)[number];

/** The columns a bulk CSV answer adds after the input columns. */
export const RESULT_COLUMNS = [
  'percentile',
  'compaRatio',
  'verdict',
  'marketP25',
  'marketP50',
  'marketP75',
  'deltaAmount',
  'deltaPercent',
  'counterLow',
  'counterHigh',
  'confidence',
  'error',
] as const;
export type ResultColumn = (typeof RESULT_COLUMNS)[number];

/** Where each known column sits in a CSV record; unknown columns are carried through untouched. */
export interface OfferColumnMap {
  /** The header as found, names untouched. */
  readonly header: readonly string[];
  /** Index of each known column in the record, or -1 when absent. */
  readonly index: Readonly<Record<OfferColumn, number>>;
  /** Indices of the input columns to repeat in the output (all but stale result columns). */
  readonly carried: readonly number[];
}

/**
 * Reduces a column name to the form used for matching: case, spaces, `_` and `-` ignored, so
 * `Years Experience`, `years_experience` and `YEARSEXPERIENCE` all name `yearsExperience`.
 *
 * @example
 * normalizeColumnName(' Years Experience '); // 'yearsexperience'
 */
export function normalizeColumnName(name: string): string {
  return name.replace(/[\s_-]+/g, '').toLowerCase();
}

const byNormalName: ReadonlyMap<string, OfferColumn> = new Map(OFFER_COLUMNS.map((c) => [normalizeColumnName(c), c]));
const resultNames: ReadonlySet<string> = new Set(RESULT_COLUMNS.map(normalizeColumnName));

/** The known column a header cell names, if any. */
export function matchOfferColumn(name: string): OfferColumn | undefined {
  return byNormalName.get(normalizeColumnName(name.replace(/^\uFEFF/, '')));
}

/**
 * Settles once, from the header row, where each known column is. Input columns named like a
 * result column (from a file that was itself a PayLens answer) are replaced by fresh results,
 * not repeated.
 *
 * @throws CsvHeaderError when the header is empty, lacks `base`, or names a column twice.
 *
 * @example
 * const map = resolveOfferColumns(['Employee', 'Base', 'Years Experience']);
 * map.index.base; // 1
 * map.index.yearsExperience; // 2
 */
export function resolveOfferColumns(header: readonly string[]): OfferColumnMap {
  const index = Object.fromEntries(OFFER_COLUMNS.map((c) => [c, -1])) as Record<OfferColumn, number>;
  const issues: { path: string; message: string }[] = [];
  const carried: number[] = [];
  header.forEach((name, i) => {
    const column = matchOfferColumn(name);
    if (column) {
      if (index[column] !== -1)
        issues.push({ path: column, message: `column '${column}' appears twice (columns ${index[column] + 1} and ${i + 1})` });
      else index[column] = i;
    }
    if (!resultNames.has(normalizeColumnName(name))) carried.push(i);
  });
  const expected = OFFER_COLUMNS.map((c) => (c === 'base' ? 'base (required)' : c));
  if (header.length === 0 || (header.length === 1 && header[0]?.trim() === '')) {
    throw new CsvHeaderError([{ path: '', message: 'The CSV is empty: expected a header row' }], expected, []);
  }
  if (index.base === -1) issues.unshift({ path: 'base', message: "Missing required column 'base'" });
  if (issues.length > 0) throw new CsvHeaderError(issues, expected, header);
  return { header, index, carried };
}
