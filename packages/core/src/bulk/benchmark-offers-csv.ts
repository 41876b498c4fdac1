import { Readable } from 'node:stream';
import { type CsvError, parse } from 'csv-parse';
import type { Dataset } from '../dataset/dataset.js';
import { CsvHeaderError, RowLimitError } from '../errors/index.js';
import type { BulkResult } from '../schemas/bulk.js';
import type { BenchmarkOffersOptions } from './benchmark-offers.js';
import { createBulkBenchmarker } from './create-bulk-benchmarker.js';
import { OFFER_COLUMNS, type OfferColumnMap, RESULT_COLUMNS, resolveOfferColumns } from './offer-columns.js';

/** One result of a CSV bulk benchmark, with the record's cells as read. */
export type BulkCsvResult = BulkResult & { readonly cells: readonly string[] };

/** An opened CSV bulk benchmark: the header is settled, the rows are read as `results` is consumed. */
export interface BulkCsv {
  readonly columns: OfferColumnMap;
  /** Header of the CSV answer: the input columns carried through, then the result columns. */
  readonly outputHeader: readonly string[];
  /** One result per data row, in order. Single use; breaking out of it closes the input. */
  readonly results: AsyncIterable<BulkCsvResult>;
}

/** CSV text: a string, a byte or text stream, or any async iterable of chunks. */
export type CsvInput = string | Uint8Array | Readable | AsyncIterable<string | Uint8Array>;

const SKIPPED = Symbol('skipped');
interface SkippedRecord {
  readonly [SKIPPED]: true;
  readonly reason: string;
}
const isSkipped = (record: unknown): record is SkippedRecord => typeof record === 'object' && record !== null && SKIPPED in record;

function toReadable(input: CsvInput): Readable {
  if (typeof input === 'string' || input instanceof Uint8Array) return Readable.from([input]);
  if (input instanceof Readable) return input;
  return Readable.from(input, { objectMode: false });
}

/**
 * Opens a CSV of offers for streaming benchmark. Reads the header first and settles the columns
 * once (names matched ignoring case, spaces, `_` and `-`); then yields one result per data row as
 * the consumer pulls, so a file of a million rows needs no more memory than one of a thousand.
 * A BOM, CRLF or LF line ends, quoted fields, blank lines and a trailing comma are all accepted;
 * blank lines and rows of empty cells are not rows. A record the CSV parser cannot read (a stray quote) becomes an error
 * row; the rows after it go on. Unknown columns are carried through to `cells` untouched.
 *
 * @throws CsvHeaderError (before any row) when the header is missing or lacks `base`.
 *
 * @example
 * import { createReadStream } from 'node:fs';
 * const bulk = await benchmarkOffersCsv(getDefaultDataset(), createReadStream('offers.csv'));
 * for await (const r of bulk.results) console.log(r.row, r.ok ? r.result.verdict : r.error);
 */
export async function benchmarkOffersCsv(dataset: Dataset, input: CsvInput, options: BenchmarkOffersOptions = {}): Promise<BulkCsv> {
  const parser = parse({
    bom: true,
    ltrim: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    // Spreadsheets export trailing blank rows as `,,,`: no offer there, so not a row.
    skip_records_with_empty_values: true,
    skip_records_with_error: true,
    // Pushed in place of the unreadable record, so it keeps its row number and its order.
    on_skip: (error: CsvError | undefined) => {
      parser.push({ [SKIPPED]: true, reason: error?.message ?? 'unreadable CSV record' } satisfies SkippedRecord);
      return undefined;
    },
  });
  const source = toReadable(input);
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[] | SkippedRecord>;
  const close = () => {
    source.unpipe(parser);
    source.destroy();
    parser.destroy();
  };

  let columns: OfferColumnMap;
  try {
    const first = await records.next();
    const expected = OFFER_COLUMNS.map((c) => (c === 'base' ? 'base (required)' : c));
    if (first.done) throw new CsvHeaderError([{ path: '', message: 'The CSV is empty: expected a header row' }], expected, []);
    if (isSkipped(first.value))
      throw new CsvHeaderError([{ path: '', message: `Unreadable header row: ${first.value.reason}` }], expected, []);
    columns = resolveOfferColumns(first.value);
  } catch (error) {
    close();
    throw error;
  }

  const bench = createBulkBenchmarker(dataset, options);
  const { maxRows } = options;
  async function* results(): AsyncGenerator<BulkCsvResult, void, undefined> {
    let row = 0;
    try {
      for (let next = await records.next(); !next.done; next = await records.next()) {
        row++;
        if (maxRows !== undefined && row > maxRows) throw new RowLimitError(maxRows);
        const record = next.value;
        if (isSkipped(record)) {
          yield { row, ok: false, error: { path: '', message: `unreadable CSV record: ${record.reason}` }, cells: [] };
        } else {
          yield { ...bench.benchmarkCells(record, columns, row), cells: record };
        }
      }
    } finally {
      close();
    }
  }

  return {
    columns,
    outputHeader: [...columns.carried.map((i) => columns.header[i] ?? ''), ...RESULT_COLUMNS],
    results: results(),
  };
}
