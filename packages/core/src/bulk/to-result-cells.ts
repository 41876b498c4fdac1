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

/** Appends the result columns of `result` ({@link RESULT_COLUMNS}, in order) to `out`. */
function pushResultCells(out: string[], result: BulkResult): void {
  if (!result.ok) {
    const { path, message } = result.error;
    for (const c of EMPTY_RESULT) out.push(c);
    out.push(path ? `${path}: ${message}` : message);
    return;
  }
  const b = result.result;
  const { p50, p75 } = b.market.base;
  const [p25Text, p50Text, p75Text] = marketCells(b.market);
  const { low, high } = b.counterOffer;
  out.push(
    percentileText(b.percentile),
    ratioText(b.compaRatio),
    b.verdict,
    p25Text,
    p50Text,
    p75Text,
    amountText(b.delta.amount),
    percentText(b.delta.percent),
    // The counter-offer is often the market's own median or 75th percentile.
    low === p50 ? p50Text : amountText(low),
    high === p75 ? p75Text : amountText(high),
    b.market.confidence,
    '',
  );
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
  pushResultCells(out, result);
  return out;
}

/**
 * One full CSV output row: the input cells that are carried through, then the result cells.
 *
 * @example
 * toOutputRecord(['Ana', '90000'], [0, 1], result); // ['Ana', '90000', '50', '1', 'competitive', …]
 */
export function toOutputRecord(cells: readonly string[], carried: readonly number[], result: BulkResult): string[] {
  const out: string[] = [];
  for (const i of carried) out.push(cells[i] ?? '');
  pushResultCells(out, result);
  return out;
}
