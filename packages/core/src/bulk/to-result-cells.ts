import { csvFormatValue } from 'd3-dsv';
import type { Benchmark } from '../schemas/benchmark.js';
import type { BulkResult } from '../schemas/bulk.js';
import type { Estimate } from '../schemas/estimate.js';
import { RESULT_COLUMNS } from './offer-columns.js';

const EMPTY_RESULT: readonly string[] = RESULT_COLUMNS.slice(0, -1).map(() => '');

/**
 * d3-dsv's `csvFormatRow(cells)`: each cell through d3-dsv's `csvFormatValue`, joined with commas
 * (as `csvFormatRow` joins them), here by `+` rather than by `Array.prototype.join`. The text is
 * the same, but not its form in memory: V8's `join` of the cells that come from the parser's
 * worker makes a two-byte string (two bytes a character, ASCII text too), and every output chunk
 * holding such a line is then flattened and encoded to UTF-8 as two-byte text, which cost about a
 * tenth of the main thread; text made by `+` stays one byte a character (bench/NOTES.md, bulk
 * round 5).
 *
 * @example
 * formatCsvRow(['Doe, Jane', '90000']); // '"Doe, Jane",90000'
 */
export function formatCsvRow(cells: readonly string[]): string {
  let text = '';
  for (let i = 0; i < cells.length; i++)
    text = i === 0 ? csvFormatValue(cells[i] as string) : `${text},${csvFormatValue(cells[i] as string)}`;
  return text;
}

/** The market's figures as text (`p25`, `p50`, `p75`), once per market estimate: rows of one profile share it. */
const marketText = new WeakMap<Estimate, readonly [string, string, string]>();

function marketCells(market: Estimate): readonly [string, string, string] {
  let text = marketText.get(market);
  if (text === undefined) {
    text = [String(market.base.p25), String(market.base.p50), String(market.base.p75)];
    marketText.set(market, text);
  }
  return text;
}

/**
 * `String(n)` for figures with at most `decimals` decimals between `min` and `max`
 * (percentiles, ratios, percents), remembered in a table indexed by the scaled figure: a bulk
 * answer repeats the same figures over and over. A slot answers only for the very figure it holds
 * (checked), so any other number is simply converted. Converting each row's figures afresh cost
 * about a fifth of the run, and V8's own number-to-string cache kept every fresh text alive past
 * a young-generation collection, so they filled the old space (a mark-compact every few hundred
 * thousand rows, and 15–25 MB more peak RSS); a `Map` per kind of figure avoided that but its
 * lookups, in tables too large for the CPU's caches, cost as much as the conversions.
 */
function createDecimalText(decimals: number, min: number, max: number, format: (text: string) => string = String): (n: number) => string {
  const scale = 10 ** decimals;
  const first = Math.round(min * scale);
  return createTextTable(Math.round(max * scale) - first + 1, (n) => Math.round(n * scale) - first, format);
}

/** The same for whole amounts (deltas, counter-offers): a table of 65,536 slots by the amount's low bits. */
function createAmountText(format: (text: string) => string = String): (n: number) => string {
  const size = 1 << 16;
  return createTextTable(size, (n) => n & (size - 1), format);
}

/**
 * A table of `size` slots, each holding one figure and its text; `slotOf` places a figure (a slot
 * outside the table: the figure is converted, not kept). A slot answers only for the very number
 * it holds. The table is made on first use: a process that never writes a bulk answer (most
 * servers' start-up) does not allocate and fill it.
 */
function createTextTable(size: number, slotOf: (n: number) => number, format: (text: string) => string): (n: number) => string {
  let figures: Float64Array | undefined;
  let texts: string[] = [];
  return (n) => {
    const slot = slotOf(n);
    if (slot < 0 || slot >= size) return format(String(n));
    if (figures === undefined) {
      figures = new Float64Array(size).fill(Number.NaN);
      texts = new Array<string>(size).fill('');
    }
    if (figures[slot] === n) return texts[slot] as string;
    const text = format(String(n));
    figures[slot] = n;
    texts[slot] = text;
    return text;
  };
}

const percentileText = createDecimalText(2, 0, 100);
const ratioText = createDecimalText(4, 0, 5);
const percentText = createDecimalText(2, -100, 400);
const amountText = createAmountText();

// The same figures as CSV cells, d3-dsv's `csvFormatValue` of the text, made once per figure like the text.
const percentileCsv = createDecimalText(2, 0, 100, csvFormatValue);
const ratioCsv = createDecimalText(4, 0, 5, csvFormatValue);
const percentCsv = createDecimalText(2, -100, 400, csvFormatValue);
const amountCsv = createAmountText(csvFormatValue);

/** Writes the result columns of `result` ({@link RESULT_COLUMNS}, in order) into `out` from index `at`. */
function setResultCells(out: string[], at: number, result: BulkResult): void {
  if (!result.ok) {
    const { path, message } = result.error;
    for (const c of EMPTY_RESULT) out[at++] = c;
    out[at] = path ? `${path}: ${message}` : message;
    return;
  }
  const b = result.result;
  const { p50, p75 } = b.market.base;
  const [p25Text, p50Text, p75Text] = marketCells(b.market);
  const { low, high } = b.counterOffer;
  out[at] = percentileText(b.percentile);
  out[at + 1] = ratioText(b.compaRatio);
  out[at + 2] = b.verdict;
  out[at + 3] = p25Text;
  out[at + 4] = p50Text;
  out[at + 5] = p75Text;
  out[at + 6] = amountText(b.delta.amount);
  out[at + 7] = percentText(b.delta.percent);
  // The counter-offer is often the market's own median or 75th percentile.
  out[at + 8] = low === p50 ? p50Text : amountText(low);
  out[at + 9] = high === p75 ? p75Text : amountText(high);
  out[at + 10] = b.market.confidence;
  out[at + 11] = '';
}

/**
 * The result columns of one CSV output row ({@link RESULT_COLUMNS}, in order): the benchmark's
 * figures, or empty figures and the error as `path: message`.
 *
 * @example
 * toResultCells({ row: 2, ok: false, error: { path: 'base', message: 'base is required' } }).at(-1); // 'base: base is required'
 */
export function toResultCells(result: BulkResult): string[] {
  const out: string[] = [];
  setResultCells(out, 0, result);
  return out;
}

/** Writes one full CSV output row into `out` (from index 0): the carried input cells, then the result cells. */
function setOutputRecord(out: string[], cells: readonly string[], carried: readonly number[], result: BulkResult): void {
  let at = 0;
  for (const i of carried) out[at++] = cells[i] ?? '';
  setResultCells(out, at, result);
}

/**
 * One full CSV output row: the input cells that are carried through, then the result cells.
 *
 * @example
 * toOutputRecord(['Ana', '90000'], [0, 1], result); // ['Ana', '90000', '50', '1', 'competitive', …]
 */
export function toOutputRecord(cells: readonly string[], carried: readonly number[], result: BulkResult): string[] {
  // Its final length at once, rather than grown (and copied) cell by cell.
  const out = new Array<string>(carried.length + RESULT_COLUMNS.length);
  setOutputRecord(out, cells, carried, result);
  return out;
}

/**
 * A profile's text in CSV answers: its carried profile cells (a run of consecutive profile columns
 * each) and its market's constant result cells, formatted by d3-dsv.
 */
interface ProfileCsv {
  /** The formatter that made it (its runs of columns). */
  readonly owner: object;
  /** Per run of consecutive carried profile columns, `csvFormatRow` of their cells. */
  readonly runs: readonly string[];
  /** `p25,p50,p75` */
  readonly figures: string;
  /** `confidence,` (the empty error cell included) */
  readonly confidence: string;
  /** The market's median and 75th percentile as CSV cells (the counter-offer is often one of them). */
  readonly p50: string;
  readonly p75: string;
  /** Per verdict met: `verdict,p25,p50,p75` (made as first met). */
  readonly verdicts: Record<string, string>;
  /** The line's end when the counter-offer is the median to the 75th percentile: `p50,p75,confidence,`. */
  readonly medianTail: string;
  /** The line's end from a counter-offer's high end at the 75th percentile: `p75,confidence,`. */
  readonly p75Tail: string;
}

/**
 * A profile as {@link createOutputLineFormatter} knows it: any object standing for one set of
 * profile cells and one market, where the formatter keeps that profile's text (read as a property
 * rather than looked up in a map, once a row).
 */
export interface OutputProfile {
  csv?: unknown;
}

/**
 * Makes the function that writes an ok result's CSV output line (no line end): exactly
 * d3-dsv's `csvFormatRow(toOutputRecord(cells, carried, result))`, but with the cells that are
 * the same for every row of a profile formatted once. The carried cells at `profileColumns`
 * (record indices) are formatted by {@link formatCsvRow} once per `profile`, as are the market's
 * figures and confidence; every other cell by `csvFormatValue` (remembered per figure, as the
 * figures' text is), and the parts joined with `,` as `csvFormatRow` joins its cells. The caller
 * vouches that the rows given the same `profile` hold the same cells at `profileColumns` and
 * have the same market (`benchmarkOffersCsv` gives each set of raw profile cells its own).
 *
 * @example
 * const line = createOutputLineFormatter([0, 1, 2], [2]);
 * line(['Ana', '90000', 'mid'], result.result, profile); // 'Ana,90000,mid,50,1,competitive,…'
 */
export function createOutputLineFormatter(
  carried: readonly number[],
  profileColumns: readonly number[],
): (cells: readonly string[], result: Benchmark, profile: OutputProfile) => string {
  const isProfile = new Set(profileColumns);
  // Each carried cell in order: its record index, or ~k for the k-th run of consecutive profile columns.
  const pieces: number[] = [];
  const runs: number[][] = [];
  for (const i of carried) {
    if (!isProfile.has(i)) pieces.push(i);
    else if ((pieces.at(-1) ?? 0) < 0) runs[runs.length - 1]?.push(i);
    else {
      pieces.push(~runs.length);
      runs.push([i]);
    }
  }
  const n = pieces.length;
  const owner = {};
  const profileCsv = (cells: readonly string[], market: Estimate): ProfileCsv => {
    const [p25, p50, p75] = marketCells(market);
    const confidence = formatCsvRow([market.confidence, '']);
    return {
      owner,
      runs: runs.map((run) => formatCsvRow(run.map((i) => cells[i] ?? ''))),
      figures: formatCsvRow([p25, p50, p75]),
      confidence,
      p50: csvFormatValue(p50),
      p75: csvFormatValue(p75),
      verdicts: Object.create(null) as Record<string, string>,
      medianTail: `${formatCsvRow([p50, p75])},${confidence}`,
      p75Tail: `${csvFormatValue(p75)},${confidence}`,
    };
  };
  return (cells, b, profile) => {
    let csv = profile.csv as ProfileCsv | undefined;
    if (csv?.owner !== owner) {
      csv = profileCsv(cells, b.market);
      profile.csv = csv;
    }
    const texts = csv.runs;
    let line = '';
    for (let p = 0; p < n; p++) {
      const i = pieces[p] as number;
      line += `${i >= 0 ? csvFormatValue(cells[i] ?? '') : (texts[~i] as string)},`;
    }
    const { p50, p75 } = b.market.base;
    const { low, high } = b.counterOffer;
    // The cells after the figures of the row's own, in as few parts as the profile allows (each
    // part of a line is one more string to make and, later, to copy).
    let verdict = csv.verdicts[b.verdict];
    if (verdict === undefined) {
      verdict = `${csvFormatValue(b.verdict)},${csv.figures}`;
      csv.verdicts[b.verdict] = verdict;
    }
    const tail =
      high === p75
        ? low === p50
          ? csv.medianTail
          : `${amountCsv(low)},${csv.p75Tail}`
        : `${low === p50 ? csv.p50 : amountCsv(low)},${amountCsv(high)},${csv.confidence}`;
    return `${line}${percentileCsv(b.percentile)},${ratioCsv(b.compaRatio)},${verdict},${amountCsv(b.delta.amount)},${percentCsv(b.delta.percent)},${tail}`;
  };
}
