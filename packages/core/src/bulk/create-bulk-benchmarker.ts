import type { Dataset } from '../dataset/dataset.js';
import {
  type FieldIssue,
  isInconsistentQueryError,
  isNoDataError,
  isPayLensError,
  isUnknownReferenceError,
  isValidationError,
} from '../errors/index.js';
import { computeOfferBenchmark, judgeOffer } from '../insights/benchmark-offer.js';
import { computeEstimate, freezeEstimate } from '../insights/estimate-salary.js';
import { resolveProfile } from '../model/resolve-profile.js';
import { BenchmarkQuerySchema, OfferSchema } from '../schemas/benchmark.js';
import type { BulkResult } from '../schemas/bulk.js';
import { type Estimate, EstimateQuerySchema } from '../schemas/estimate.js';
import { parseInput } from '../schemas/parse-input.js';
import { matchOfferColumn, OFFER_COLUMNS, type OfferColumn, type OfferColumnMap } from './offer-columns.js';
import type { OutputProfile } from './to-result-cells.js';

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
  /**
   * Distinct profiles whose market estimate is kept (for row objects the oldest is dropped first;
   * for CSV records the cache starts again empty when full); default 2048 (a few MB).
   */
  readonly cacheSize?: number;
}

/** A bulk result, with the record's cells when asked for. */
type RowResult = BulkResult & { readonly cells?: readonly string[] };

/**
 * A market estimate, or the error in its profile; for CSV records, one per set of raw profile
 * cells, where the CSV answer keeps the profile's text (`csv`, see `createOutputLineFormatter`).
 */
type MarketEntry = (
  | { readonly market: Estimate; readonly error?: undefined }
  | { readonly market?: undefined; readonly error: FieldIssue }
) &
  OutputProfile;

/** Profile cells, one map level per column, to the market entry. */
type ProfileTrie = Map<string, ProfileTrie | MarketEntry>;

const DEFAULT_CACHE_SIZE = 2048;
/** The columns that decide a row's market estimate (its profile). */
export const PROFILE_COLUMNS = ['role', 'level', 'yearsExperience', 'region', 'education', 'skills', 'asOf'] as const;
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

/**
 * A copy of a cell kept as a key for the run: a cell read by d3-dsv (the record reader's quick
 * path) is a slice of the text of what it read, which the key would keep alive with it.
 */
function ownCopy(cell: string): string {
  return JSON.parse(JSON.stringify(cell)) as string;
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
  const { benchmarkCells, benchmarkRow } = createRowBenchmarker(dataset, options);
  return { benchmarkCells: (cells, columns, row) => benchmarkCells(cells, columns, row, undefined), benchmarkRow };
}

/**
 * The benchmarker behind {@link createBulkBenchmarker}, whose `benchmarkCells` can also put the
 * record's cells in the result it builds (one object per row instead of a copy), for
 * `benchmarkOffersCsv`.
 */
export function createRowBenchmarker(
  dataset: Dataset,
  options: BulkBenchmarkerOptions = {},
): {
  /**
   * As {@link BulkBenchmarker.benchmarkCells}; with `keep`, the result also holds `cells: keep`.
   * With `profileId` (from the parser's worker: `profileIdsOf`), the market is found by it.
   */
  benchmarkCells(
    cells: readonly string[],
    columns: OfferColumnMap,
    row: number,
    keep: readonly string[] | undefined,
    profileId?: number,
  ): RowResult;
  /** Distinct profiles whose market is kept: the worker's limit of profile ids. */
  readonly cacheSize: number;
  /**
   * The profile of the row last given to `benchmarkCells`, when it got as far as its market: an
   * object of its own for each distinct set of raw profile cells (cells as read, at the profile
   * columns) while this benchmarker lives, so rows with the same one have the same profile cells.
   */
  lastProfile(): OutputProfile | undefined;
  benchmarkRow(input: unknown, row: number): BulkResult;
} {
  const cacheSize = Math.max(1, options.cacheSize ?? DEFAULT_CACHE_SIZE);
  const cache = new Map<string, MarketEntry>();

  const remember = (key: string, entry: MarketEntry): MarketEntry => {
    if (cache.size >= cacheSize) cache.delete(cache.keys().next().value as string);
    cache.set(key, entry);
    return entry;
  };

  const marketOf = (profile: unknown, flat: boolean): MarketEntry => {
    try {
      const q = parseInput(EstimateQuerySchema, profile);
      return { market: freezeEstimate(computeEstimate(dataset, resolveProfile(dataset, q), q.asOf)) };
    } catch (error) {
      return { error: toRowError(error, flat) };
    }
  };

  const marketFor = (key: string, profile: () => unknown, flat: boolean): MarketEntry =>
    cache.get(key) ?? remember(key, marketOf(profile(), flat));

  /**
   * Markets (or errors) of CSV records by their raw profile cells, one level per profile column:
   * equal raw cells decide equal trimmed cells, so they share an entry, and no key is built or
   * hashed per row beyond the cells themselves. At most `cacheSize` profiles: when full, it starts
   * again empty.
   */
  let profiles: ProfileTrie = new Map();
  let profileCount = 0;
  const LAST = PROFILE_COLUMNS.length - 1;

  /** The trie's last level for the record's profile cells, made as needed. */
  const leafOf = (cells: readonly string[], index: Readonly<Record<OfferColumn, number>>): ProfileTrie => {
    let node = profiles;
    for (let k = 0; k < LAST; k++) {
      const i = index[PROFILE_COLUMNS[k] as OfferColumn];
      const cell = i >= 0 ? (cells[i] ?? '') : '';
      let next = node.get(cell) as ProfileTrie | undefined;
      if (next === undefined) {
        next = new Map();
        node.set(ownCopy(cell), next);
      }
      node = next;
    }
    return node;
  };

  const profileEntry = (cells: readonly string[], index: Readonly<Record<OfferColumn, number>>): MarketEntry => {
    const last = index[PROFILE_COLUMNS[LAST] as OfferColumn];
    const lastCell = last >= 0 ? (cells[last] ?? '') : '';
    const hit = leafOf(cells, index).get(lastCell) as MarketEntry | undefined;
    if (hit !== undefined) return hit;
    const entry = profileMarket(cells, index);
    if (profileCount >= cacheSize) {
      profiles = new Map();
      profileCount = 0;
    }
    leafOf(cells, index).set(ownCopy(lastCell), entry);
    profileCount++;
    return entry;
  };

  /** The market (or the error: years first, then the profile's) for a record's profile cells. */
  const profileMarket = (cells: readonly string[], index: Readonly<Record<OfferColumn, number>>): MarketEntry => {
    const yearsCell = cellValue(cells, index.yearsExperience);
    const years = yearsCell === undefined ? undefined : parseNumberCell(yearsCell);
    if (Number.isNaN(years)) return { error: { path: 'yearsExperience', message: `expected a number of years, got '${yearsCell}'` } };
    const profile: Record<string, unknown> = {};
    for (const column of PROFILE_COLUMNS) {
      const value = cellValue(cells, index[column]);
      if (value === undefined) continue;
      if (column === 'yearsExperience') profile[column] = years;
      else if (column === 'skills')
        profile[column] = value
          .split(';')
          .map((s) => s.trim())
          .filter((s) => s !== '');
      else profile[column] = value;
    }
    return marketOf(profile, true);
  };

  /**
   * Markets by the worker's profile ids (see `profileIdsOf`): a negative id `~id` is a profile
   * new to the worker, whose market is made from this record's cells and kept at `id`.
   */
  const byId: (MarketEntry | undefined)[] = [];
  const entryById = (id: number, cells: readonly string[], index: Readonly<Record<OfferColumn, number>>): MarketEntry => {
    if (id >= 0) return byId[id] as MarketEntry;
    const entry = profileMarket(cells, index);
    byId[~id] = entry;
    return entry;
  };

  let lastProfile: MarketEntry | undefined;

  const fail = (row: number, path: string, message: string): BulkResult => ({ row, ok: false, error: { path, message } });

  /** The offer checked, then judged against the entry's market; `cells` put in the result when given. */
  const judge = (
    row: number,
    entry: MarketEntry,
    base: number,
    bonus: number | undefined,
    flat: boolean,
    cells: readonly string[] | undefined,
  ): RowResult => {
    let error = entry.error;
    // Fast path for the usual valid offer; the schema words the message otherwise.
    if (
      error === undefined &&
      !(Number.isFinite(base) && base > 0 && base <= 100_000_000 && (bonus === undefined || (bonus >= 0 && bonus <= 100_000_000)))
    ) {
      try {
        parseInput(OfferSchema, bonus === undefined ? { base } : { base, bonus }, ['offer']);
      } catch (e) {
        error = toRowError(e, flat);
      }
    }
    if (error !== undefined) return cells === undefined ? { row, ok: false, error } : { row, ok: false, error, cells };
    const offer = bonus === undefined ? { base } : { base, bonus };
    // CSV records (`cells` given) are turned into text and dropped: their benchmark is not frozen
    // (the same numbers; the market in it is). Row objects get judgeOffer's frozen one.
    const result =
      cells === undefined ? judgeOffer(entry.market as Estimate, offer) : computeOfferBenchmark(entry.market as Estimate, offer);
    return cells === undefined ? { row, ok: true, result } : { row, ok: true, result, cells };
  };

  const failCells = (row: number, path: string, message: string, cells: readonly string[] | undefined): RowResult =>
    cells === undefined ? fail(row, path, message) : { row, ok: false, error: { path, message }, cells };

  const benchmarkCells = (
    cells: readonly string[],
    columns: OfferColumnMap,
    row: number,
    keep: readonly string[] | undefined,
    profileId?: number,
  ): RowResult => {
    const { index, header } = columns;
    lastProfile = undefined;
    // Made first when new: later rows of this id need it even when this row fails.
    const byWorker = profileId === undefined ? undefined : entryById(profileId, cells, index);
    for (let i = header.length; i < cells.length; i++) {
      if ((cells[i] ?? '').trim() !== '') {
        return failCells(row, `column ${i + 1}`, `the row has ${cells.length} cells but the header names ${header.length} columns`, keep);
      }
    }
    const baseCell = cellValue(cells, index.base);
    if (baseCell === undefined) return failCells(row, 'base', 'base is required', keep);
    const base = parseNumberCell(baseCell);
    if (Number.isNaN(base)) return failCells(row, 'base', `expected a number, got '${baseCell}'`, keep);
    const bonusCell = cellValue(cells, index.bonus);
    const bonus = bonusCell === undefined ? undefined : parseNumberCell(bonusCell);
    if (Number.isNaN(bonus)) return failCells(row, 'bonus', `expected a number, got '${bonusCell}'`, keep);
    const entry = byWorker ?? profileEntry(cells, index);
    lastProfile = entry;
    return judge(row, entry, base, bonus, true, keep);
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
    return benchmarkCells(cells, CANONICAL_COLUMNS, row, undefined);
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
    return judge(row, entry, offer.base, offer.bonus, false, undefined);
  };

  return { benchmarkCells, benchmarkRow, cacheSize, lastProfile: () => lastProfile };
}
