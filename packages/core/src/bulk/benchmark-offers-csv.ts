import { Readable } from 'node:stream';
import type { Dataset } from '../dataset/dataset.js';
import { CsvHeaderError, RowLimitError } from '../errors/index.js';
import type { BulkResult } from '../schemas/bulk.js';
import type { BenchmarkOffersOptions } from './benchmark-offers.js';
import { createRowBenchmarker, PROFILE_COLUMNS } from './create-bulk-benchmarker.js';
import { OFFER_COLUMNS, type OfferColumnMap, RESULT_COLUMNS, resolveOfferColumns } from './offer-columns.js';
import { numberProfilesInWorker, parseCsvInWorker, profileIdsOf } from './parse-csv-in-worker.js';
import { QUICK_OPTIONS, readCsvRecords, type UnreadableRecord } from './read-csv-records.js';
import type { OutputProfile } from './to-result-cells.js';

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

/** A record csv-parse could not read (`unreadable` says why): a plain object where records are arrays. */
type SkippedRecord = UnreadableRecord;
const isSkipped = (record: string[] | SkippedRecord): record is SkippedRecord => !Array.isArray(record);

/** Options of the CSV bulk benchmark. */
export interface BenchmarkOffersCsvOptions extends BenchmarkOffersOptions {
  /**
   * Parse the CSV on a worker thread (the same reader, the same options), so that parsing and
   * benchmarking run on two cores: for large files (the CLI does it for files). Starting the
   * thread costs some milliseconds and a few MB; the answers are the same.
   */
  readonly parseInWorker?: boolean;
}

/**
 * csv-parse's options for offers, but for `on_skip` (set where the parser runs): `QUICK_OPTIONS`,
 * the ones with which the record reader (in this thread or the parser's worker) reads plain lines
 * with d3-dsv. `bom`, `ltrim`,
 * `relax_quotes`, `relax_column_count`, `skip_empty_lines`, `skip_records_with_error`, and
 * `skip_records_with_empty_values` (spreadsheets export trailing blank rows as `,,,`: no offer
 * there, so not a row).
 */
const PARSE_OPTIONS = QUICK_OPTIONS;

/** Per batch of results, each row's profile (see `lastProfile` of `createRowBenchmarker`), for {@link streamBulkCsv}. */
const profileKeys = new WeakMap<readonly BulkCsvResult[], readonly (OutputProfile | undefined)[]>();

/**
 * Each result's profile in a batch from {@link resultBatchesOf}: rows with the same one (not
 * undefined) hold the same cells at the profile columns (`PROFILE_COLUMNS`), so what is made of
 * those cells can be made once per profile.
 */
export function profileKeysOf(batch: readonly BulkCsvResult[]): readonly (OutputProfile | undefined)[] | undefined {
  return profileKeys.get(batch);
}

/** The results of an opened bulk CSV a batch at a time, for {@link streamBulkCsv}. */
const resultBatches = new WeakMap<BulkCsv, AsyncGenerator<BulkCsvResult[], void, undefined>>();

/** The batch source behind `bulk.results`, when `bulk` came from {@link benchmarkOffersCsv}. */
export function resultBatchesOf(bulk: BulkCsv): AsyncGenerator<BulkCsvResult[], void, undefined> | undefined {
  return resultBatches.get(bulk);
}

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
export async function benchmarkOffersCsv(dataset: Dataset, input: CsvInput, options: BenchmarkOffersCsvOptions = {}): Promise<BulkCsv> {
  const source = toReadable(input);
  let records: AsyncGenerator<(string[] | SkippedRecord)[], void, undefined>;
  let close: () => void;
  if (options.parseInWorker) {
    records = parseCsvInWorker(source, PARSE_OPTIONS);
    close = () => {
      // Its `finally` stops the worker.
      void records.return();
      source.destroy();
    };
  } else {
    // In this thread, a batch per input chunk.
    records = readCsvRecords(source, PARSE_OPTIONS);
    close = () => {
      void records.return();
      source.destroy();
    };
  }

  let columns: OfferColumnMap;
  // The records that came in the same batch as the header.
  let pending: readonly (string[] | SkippedRecord)[];
  try {
    const first = await records.next();
    const expected = OFFER_COLUMNS.map((c) => (c === 'base' ? 'base (required)' : c));
    const header = first.done ? undefined : first.value[0];
    if (header === undefined) throw new CsvHeaderError([{ path: '', message: 'The CSV is empty: expected a header row' }], expected, []);
    if (isSkipped(header)) throw new CsvHeaderError([{ path: '', message: `Unreadable header row: ${header.unreadable}` }], expected, []);
    columns = resolveOfferColumns(header);
    pending = first.done ? [] : first.value.slice(1);
  } catch (error) {
    close();
    throw error;
  }

  const bench = createRowBenchmarker(dataset, options);
  // The worker, with time to spare, numbers the profiles of the batches to come.
  if (options.parseInWorker) {
    const { index } = columns;
    numberProfilesInWorker(records, { columns: PROFILE_COLUMNS.map((c) => index[c]), limit: bench.cacheSize });
  }
  const { maxRows } = options;
  async function* batches(): AsyncGenerator<BulkCsvResult[], void, undefined> {
    let row = 0;
    try {
      let batch = pending;
      pending = [];
      for (;;) {
        const out: BulkCsvResult[] = [];
        const keys: (OutputProfile | undefined)[] = [];
        profileKeys.set(out, keys);
        const ids = profileIdsOf(batch);
        for (let k = 0; k < batch.length; k++) {
          const record = batch[k] as string[] | SkippedRecord;
          row++;
          if (maxRows !== undefined && row > maxRows) {
            // The rows before the limit are answered, as when read one by one.
            if (out.length > 0) yield out;
            throw new RowLimitError(maxRows);
          }
          if (isSkipped(record)) {
            out.push({ row, ok: false, error: { path: '', message: `unreadable CSV record: ${record.unreadable}` }, cells: [] });
            keys.push(undefined);
          } else {
            out.push(bench.benchmarkCells(record, columns, row, record, ids?.[k]) as BulkCsvResult);
            keys.push(bench.lastProfile());
          }
        }
        if (out.length > 0) yield out;
        const next = await records.next();
        if (next.done) return;
        batch = next.value;
      }
    } finally {
      close();
    }
  }

  const resultsInBatches = batches();
  async function* results(): AsyncGenerator<BulkCsvResult, void, undefined> {
    for await (const batch of resultsInBatches) yield* batch;
  }

  const bulk: BulkCsv = {
    columns,
    outputHeader: [...columns.carried.map((i) => columns.header[i] ?? ''), ...RESULT_COLUMNS],
    results: results(),
  };
  resultBatches.set(bulk, resultsInBatches);
  return bulk;
}
