import type { BulkResult } from '../schemas/bulk.js';
import { RESULT_COLUMNS } from './offer-columns.js';

const EMPTY_RESULT: readonly string[] = RESULT_COLUMNS.slice(0, -1).map(() => '');

/**
 * The result columns of one CSV output row ({@link RESULT_COLUMNS}, in order): the benchmark's
 * figures, or empty figures and the error as `path: message`.
 *
 * @example
 * toResultCells({ row: 2, ok: false, error: { path: 'base', message: 'base is required' } }).at(-1); // 'base: base is required'
 */
export function toResultCells(result: BulkResult): string[] {
  if (!result.ok) {
    const { path, message } = result.error;
    return [...EMPTY_RESULT, path ? `${path}: ${message}` : message];
  }
  const b = result.result;
  return [
    String(b.percentile),
    String(b.compaRatio),
    b.verdict,
    String(b.market.base.p25),
    String(b.market.base.p50),
    String(b.market.base.p75),
    String(b.delta.amount),
    String(b.delta.percent),
    String(b.counterOffer.low),
    String(b.counterOffer.high),
    b.market.confidence,
    '',
  ];
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
  for (const c of toResultCells(result)) out.push(c);
  return out;
}
