import type { BulkResult } from '../schemas/bulk.js';
import type { Estimate } from '../schemas/estimate.js';
import { RESULT_COLUMNS } from './offer-columns.js';

const EMPTY_RESULT: readonly string[] = RESULT_COLUMNS.slice(0, -1).map(() => '');

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
function createDecimalText(decimals: number, min: number, max: number): (n: number) => string {
  const scale = 10 ** decimals;
  const first = Math.round(min * scale);
  const size = Math.round(max * scale) - first + 1;
  // The table is made on first use: a process that never writes a bulk answer (most servers'
  // start-up) does not allocate and fill it.
  let figures: Float64Array | undefined;
  let texts: string[] = [];
  return (n) => {
    const slot = Math.round(n * scale) - first;
    if (slot >= 0 && slot < size) {
      if (figures === undefined) {
        figures = new Float64Array(size).fill(Number.NaN);
        texts = new Array<string>(size).fill('');
      }
      if (figures[slot] === n) return texts[slot] as string;
      const text = String(n);
      figures[slot] = n;
      texts[slot] = text;
      return text;
    }
    return String(n);
  };
}

/** The same for whole amounts (deltas, counter-offers): a table of 65,536 slots by the amount's low bits. */
function createAmountText(): (n: number) => string {
  const size = 1 << 16;
  let figures: Float64Array | undefined;
  let texts: string[] = [];
  return (n) => {
    const slot = n & (size - 1);
    if (figures === undefined) {
      figures = new Float64Array(size).fill(Number.NaN);
      texts = new Array<string>(size).fill('');
    }
    if (figures[slot] === n) return texts[slot] as string;
    const text = String(n);
    figures[slot] = n;
    texts[slot] = text;
    return text;
  };
}

const percentileText = createDecimalText(2, 0, 100);
const ratioText = createDecimalText(4, 0, 5);
const percentText = createDecimalText(2, -100, 400);
const amountText = createAmountText();

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
