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

/** Distinct figures whose text is remembered, per kind of figure (all forgotten when full). */
const NUMBER_TEXT_LIMIT = 1 << 16;

/**
 * `String(n)`, remembered per distinct figure: a bulk answer repeats the same percentiles, ratios
 * and deltas over and over. Converting each row's figures afresh cost about a fifth of the run, and
 * V8's own number-to-string cache kept every fresh text alive past a young-generation collection,
 * so they filled the old space (a mark-compact every few hundred thousand rows, and the peak RSS).
 */
function createNumberText(): (n: number) => string {
  let texts = new Map<number, string>();
  return (n) => {
    let text = texts.get(n);
    if (text === undefined) {
      if (texts.size >= NUMBER_TEXT_LIMIT) texts = new Map();
      text = String(n);
      texts.set(n, text);
    }
    return text;
  };
}
const percentileText = createNumberText();
const ratioText = createNumberText();
const amountText = createNumberText();
const percentText = createNumberText();

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

/**
 * Writes one full CSV output row into `out` (from index 0): the carried input cells, then the
 * result cells. Rows of one answer all have the same length, so `streamBulkCsv` reuses its row
 * arrays from one group of rows to the next instead of making new ones.
 */
export function setOutputRecord(out: string[], cells: readonly string[], carried: readonly number[], result: BulkResult): void {
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
  const out: string[] = [];
  setOutputRecord(out, cells, carried, result);
  return out;
}
