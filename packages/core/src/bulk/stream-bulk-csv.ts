import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { stringify as stringifyRecords } from 'csv-stringify/sync';
import { type BulkCsv, type BulkCsvResult, resultBatchesOf } from './benchmark-offers-csv.js';
import { toOutputRecord } from './to-result-cells.js';

export interface StreamBulkCsvOptions {
  /** Called with each result as it is written, for progress and summaries. */
  readonly onResult?: (result: BulkCsvResult) => void;
}

async function* outputRecords(bulk: BulkCsv, onResult?: (result: BulkCsvResult) => void): AsyncGenerator<string[]> {
  yield [...bulk.outputHeader];
  for await (const result of bulk.results) {
    onResult?.(result);
    yield toOutputRecord(result.cells, bulk.columns.carried, result);
  }
}

/**
 * The answer as text, a batch of rows per chunk, each batch written by csv-stringify's sync API:
 * one wait per batch instead of several per row, and no per-row stream machinery. Closing the
 * stream returns the generator, which closes the input.
 */
async function* csvChunks(
  bulk: BulkCsv,
  batches: AsyncGenerator<BulkCsvResult[], void, undefined>,
  onResult?: (result: BulkCsvResult) => void,
): AsyncGenerator<string, void, undefined> {
  const { carried } = bulk.columns;
  try {
    yield stringifyRecords([bulk.outputHeader]);
    for await (const batch of batches) {
      const records: string[][] = [];
      for (const result of batch) {
        onResult?.(result);
        records.push(toOutputRecord(result.cells, carried, result));
      }
      yield stringifyRecords(records);
    }
  } finally {
    await batches.return();
  }
}

/**
 * The CSV answer of a bulk benchmark as a byte stream (csv-stringify): the header, then one line
 * per input row, the input columns repeated and the result columns added. Rows are produced only
 * as fast as the stream is read (backpressure), so pipe it straight to a file or an HTTP response.
 *
 * @example
 * import { pipeline } from 'node:stream/promises';
 * const bulk = await benchmarkOffersCsv(dataset, createReadStream('offers.csv'));
 * await pipeline(streamBulkCsv(bulk), createWriteStream('results.csv'));
 */
export function streamBulkCsv(bulk: BulkCsv, options: StreamBulkCsvOptions = {}): Readable {
  const batches = resultBatchesOf(bulk);
  if (batches) return Readable.from(csvChunks(bulk, batches, options.onResult), { objectMode: false });
  const stringifier = stringify();
  const source = Readable.from(outputRecords(bulk, options.onResult));
  source.on('error', (error) => stringifier.destroy(error));
  // A reader that gives up early (a closed HTTP response) closes the input too.
  stringifier.on('close', () => source.destroy());
  return source.pipe(stringifier);
}
