import type { Dataset } from '../dataset/dataset.js';
import {
  type FieldIssue,
  isInconsistentQueryError,
  isNoDataError,
  isPayLensError,
  isUnknownReferenceError,
  isValidationError,
} from '../errors/index.js';
import { judgeOffer } from '../insights/benchmark-offer.js';
import { computeEstimate, freezeEstimate } from '../insights/estimate-salary.js';
import { resolveProfile } from '../model/resolve-profile.js';
import { BenchmarkQuerySchema, type Offer, OfferSchema } from '../schemas/benchmark.js';
import type { BulkResult } from '../schemas/bulk.js';
import { type Estimate, EstimateQuerySchema } from '../schemas/estimate.js';
import { parseInput } from '../schemas/parse-input.js';
import { matchOfferColumn, OFFER_COLUMNS, type OfferColumn, type OfferColumnMap } from './offer-columns.js';

/** Benchmarks bulk rows one at a time, sharing market estimates between rows of the same profile. */
export interface BulkBenchmarker {
  /** One CSV record, its cells located by the header's column map. */
  benchmarkCells(cells: readonly string[], columns: OfferColumnMap, row: number): BulkResult;
  /**
   * One row object: either the body of a single benchmark (`{ level, offer: { base } }`, checked
   * strictly, error paths such as `offer.base`), or a flat record keyed like the CSV columns
   * (`{ base: 90000, level: 'mid', skills: 'dicom;hl7' }`, unknown keys ignored).
   */
  benchmarkRow(input: unknown, row: number): BulkResult;
}

export interface BulkBenchmarkerOptions {
  /** Distinct profiles whose market estimate is kept (oldest dropped first); default 2048 (a few MB). */
  readonly cacheSize?: number;
}

type MarketEntry = { readonly market: Estimate; readonly error?: undefined } | { readonly market?: undefined; readonly error: FieldIssue };

const KEY_SEPARATOR = '\u001f';
const DEFAULT_CACHE_SIZE = 2048;
const PROFILE_COLUMNS = ['role', 'level', 'yearsExperience', 'region', 'education', 'skills', 'asOf'] as const;
const PLAIN_NUMBER = /^\d+(?:\.\d+)?$/;
const LOOSE_NUMBER = /^-?\d+(?:\.\d+)?$/;

/** `90000`, `90,000`, `$90,000.50`, `90 000` → number; anything else → NaN. */
function parseNumberCell(cell: string): number {
  if (PLAIN_NUMBER.test(cell)) return Number(cell);
  const stripped = cell.replace(/^\$|[,\s_]/g, '').replace(/^(-?)\$/, '$1');
  return LOOSE_NUMBER.test(stripped) ? Number(stripped) : Number.NaN;
}

/** The column or field a core error path names, in the form the row's input used. */
function toRowPath(path: string, flat: boolean): string {
  if (!flat) return path;
  if (path.startsWith('offer.')) return path.slice('offer.'.length);
  if (path.startsWith('skills.')) return 'skills';
  return path;
}

function toRowError(error: unknown, flat: boolean): FieldIssue {
  if (isValidationError(error)) {
    const [first, ...rest] = error.issues;
    const more = rest.length > 0 ? ` (and ${rest.length} more: ${rest.map((i) => toRowPath(i.path, flat)).join(', ')})` : '';
    return { path: toRowPath(first?.path ?? '', flat), message: `${first?.message ?? 'invalid input'}${more}` };
  }
  if (isUnknownReferenceError(error) || isNoDataError(error) || isInconsistentQueryError(error)) {
    return { path: toRowPath(error.path, flat), message: error.message };
  }
  if (isPayLensError(error)) return { path: '', message: error.message };
  throw error;
}

/** A cell trimmed, or undefined when absent or blank. Module-level: it runs for every cell of every row. */
function cellValue(cells: readonly string[], i: number): string | undefined {
  const raw = i < 0 ? undefined : cells[i];
  if (raw === undefined) return undefined;
  let value = raw.trim();
  // A quoted field followed by spaces reaches us with its quotes (`"mid" ,`).
  if (value.length > 1 && value.charCodeAt(0) === 34 && value.endsWith('"')) value = value.slice(1, -1).trim();
  return value === '' ? undefined : value;
}

const CANONICAL_COLUMNS: OfferColumnMap = {
  header: OFFER_COLUMNS,
  index: Object.fromEntries(OFFER_COLUMNS.map((c, i) => [c, i])) as Record<OfferColumn, number>,
  carried: [],
};

/**
 * Makes a benchmarker for bulk rows over one data set. Each row is checked and benchmarked on
 * its own: a bad row yields `{ ok: false, error: { path, message } }` and never stops the
 * others. Market estimates are cached per distinct profile in a small bounded map, so a large
 * file costs one estimate per profile, not per row.
 *
 * @example
 * const bench = createBulkBenchmarker(getDefaultDataset());
 * bench.benchmarkRow({ base: 90000, level: 'mid' }, 1); // { row: 1, ok: true, result: { verdict: 'competitive', … } }
 * bench.benchmarkRow({ base: 'lots' }, 2); // { row: 2, ok: false, error: { path: 'base', message: "expected a number, got 'lots'" } }
 */
export function createBulkBenchmarker(dataset: Dataset, options: BulkBenchmarkerOptions = {}): BulkBenchmarker {
  const cacheSize = Math.max(1, options.cacheSize ?? DEFAULT_CACHE_SIZE);
  const cache = new Map<string, MarketEntry>();

  const marketFor = (key: string, profile: () => unknown, flat: boolean): MarketEntry => {
    const hit = cache.get(key);
    if (hit) return hit;
    let entry: MarketEntry;
    try {
      const q = parseInput(EstimateQuerySchema, profile());
      entry = { market: freezeEstimate(computeEstimate(dataset, resolveProfile(dataset, q), q.asOf)) };
    } catch (error) {
      entry = { error: toRowError(error, flat) };
    }
    if (cache.size >= cacheSize) cache.delete(cache.keys().next().value as string);
    cache.set(key, entry);
    return entry;
  };

  const fail = (row: number, path: string, message: string): BulkResult => ({ row, ok: false, error: { path, message } });

  const judge = (row: number, entry: MarketEntry, base: number, bonus: number | undefined, flat: boolean): BulkResult => {
    if (entry.error) return { row, ok: false, error: entry.error };
    // Fast path for the usual valid offer; the schema words the message otherwise.
    if (!(Number.isFinite(base) && base > 0 && base <= 100_000_000 && (bonus === undefined || (bonus >= 0 && bonus <= 100_000_000)))) {
      try {
        parseInput(OfferSchema, bonus === undefined ? { base } : { base, bonus }, ['offer']);
      } catch (error) {
        return { row, ok: false, error: toRowError(error, flat) };
      }
    }
    const offer: Offer = bonus === undefined ? { base } : { base, bonus };
    return { row, ok: true, result: judgeOffer(entry.market, offer) };
  };

  const benchmarkCells = (cells: readonly string[], columns: OfferColumnMap, row: number): BulkResult => {
    const { index, header } = columns;
    const cell = (column: OfferColumn): string | undefined => cellValue(cells, index[column]);
    for (let i = header.length; i < cells.length; i++) {
      if ((cells[i] ?? '').trim() !== '') {
        return fail(row, `column ${i + 1}`, `the row has ${cells.length} cells but the header names ${header.length} columns`);
      }
    }
    const baseCell = cell('base');
    if (baseCell === undefined) return fail(row, 'base', 'base is required');
    const base = parseNumberCell(baseCell);
    if (Number.isNaN(base)) return fail(row, 'base', `expected a number, got '${baseCell}'`);
    const bonusCell = cell('bonus');
    const bonus = bonusCell === undefined ? undefined : parseNumberCell(bonusCell);
    if (Number.isNaN(bonus)) return fail(row, 'bonus', `expected a number, got '${bonusCell}'`);
    const yearsCell = cell('yearsExperience');
    const years = yearsCell === undefined ? undefined : parseNumberCell(yearsCell);
    if (Number.isNaN(years)) return fail(row, 'yearsExperience', `expected a number of years, got '${yearsCell}'`);

    let key = 'f';
    for (const column of PROFILE_COLUMNS) key += KEY_SEPARATOR + (cell(column) ?? '');
    const entry = marketFor(
      key,
      () => {
        const profile: Record<string, unknown> = {};
        for (const column of PROFILE_COLUMNS) {
          const value = cell(column);
          if (value === undefined) continue;
          if (column === 'yearsExperience') profile[column] = years;
          else if (column === 'skills')
            profile[column] = value
              .split(';')
              .map((s) => s.trim())
              .filter((s) => s !== '');
          else profile[column] = value;
        }
        return profile;
      },
      true,
    );
    return judge(row, entry, base, bonus, true);
  };

  const benchmarkFlat = (input: Readonly<Record<string, unknown>>, row: number): BulkResult => {
    const cells: string[] = OFFER_COLUMNS.map(() => '');
    const seen = new Set<OfferColumn>();
    for (const [key, value] of Object.entries(input)) {
      const column = matchOfferColumn(key);
      if (!column) continue;
      if (seen.has(column)) return fail(row, column, `'${column}' is given twice`);
      seen.add(column);
      if (value === undefined || value === null) continue;
      let text: string;
      if (typeof value === 'string') text = value;
      else if (typeof value === 'number' && (column === 'base' || column === 'bonus' || column === 'yearsExperience')) text = String(value);
      else if (column === 'skills' && Array.isArray(value) && value.every((s) => typeof s === 'string')) text = value.join(';');
      else
        return fail(
          row,
          column,
          `expected ${column === 'skills' ? 'a list of skill ids' : column === 'base' || column === 'bonus' || column === 'yearsExperience' ? 'a number' : 'a string'}`,
        );
      cells[OFFER_COLUMNS.indexOf(column)] = text;
    }
    return benchmarkCells(cells, CANONICAL_COLUMNS, row);
  };

  const benchmarkRow = (input: unknown, row: number): BulkResult => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return fail(row, '', 'expected an object');
    if (!('offer' in input)) return benchmarkFlat(input as Record<string, unknown>, row);
    let q: ReturnType<typeof BenchmarkQuerySchema.parse>;
    try {
      q = parseInput(BenchmarkQuerySchema, input);
    } catch (error) {
      return { row, ok: false, error: toRowError(error, false) };
    }
    const { offer, ...profile } = q;
    const entry = marketFor(
      `n${JSON.stringify([q.role, q.level, q.yearsExperience, q.region, q.education, q.skills, q.asOf])}`,
      () => profile,
      false,
    );
    return judge(row, entry, offer.base, offer.bonus, false);
  };

  return { benchmarkCells, benchmarkRow };
}
