import { Readable } from 'node:stream';
import { csvFormatRows } from 'd3-dsv';
import { type BulkCsv, type BulkCsvResult, profileKeysOf, resultBatchesOf } from './benchmark-offers-csv.js';
import { PROFILE_COLUMNS } from './create-bulk-benchmarker.js';
import { createOutputLineFormatter, formatCsvRow, toOutputRecord } from './to-result-cells.js';

export interface StreamBulkCsvOptions {
  /** Called with each result as it is written, for progress and summaries. */
  readonly onResult?: (result: BulkCsvResult) => void;
}

/**
 * Text is handed to the stream in chunks of at least this many characters, so a large answer
 * costs few writes; every string stays under V8's large-object size (128 kB), so each is young
 * garbage rather than old space to sweep. Each row's line is added to the chunk as it is made
 * (V8 keeps the sum as a rope until the stream writes it): gathering lines in an array and
 * joining them, as before, left the main thread's old space growing by ~25 MB over a million rows
 * (bench/NOTES.md, bulk round 4).
 */
const CHUNK_CHARS = 48 * 1024;

/** The results one at a time, as batches of one, for a {@link BulkCsv} that has no batch source. */
async function* singleResults(bulk: BulkCsv): AsyncGenerator<BulkCsvResult[], void, undefined> {
  for await (const result of bulk.results) yield [result];
}

/**
 * The answer as text, formatted by d3-dsv (RFC 4180: a field is quoted when it holds a comma, a
 * quote, CR or LF, quotes doubled; as csv-stringify's defaults), a line end after every row. A
 * row is `csvFormatRow` of its cells (as {@link formatCsvRow} writes it); for an answered row of a known profile (from
 * `benchmarkOffersCsv`), the cells that are the same for every row of its profile and market
 * are formatted once and joined to d3-dsv's formatting of the others (the same text, see
 * `createOutputLineFormatter`). Chunks gather rows up to at least {@link CHUNK_CHARS}. Closing
 * the stream returns the generator, which closes the input.
 */
async function* csvChunks(
  bulk: BulkCsv,
  batches: AsyncGenerator<BulkCsvResult[], void, undefined>,
  onResult?: (result: BulkCsvResult) => void,
): AsyncGenerator<string, void, undefined> {
  const { carried, index } = bulk.columns;
  const line = createOutputLineFormatter(
    carried,
    PROFILE_COLUMNS.map((c) => index[c]).filter((i) => i >= 0),
  );
  try {
    let text = `${csvFormatRows([bulk.outputHeader as string[]])}\n`;
    for await (const batch of batches) {
      // Rows of the same profile (when known) share their profile's cells, formatted once.
      const profiles = profileKeysOf(batch);
      for (let i = 0; i < batch.length; i++) {
        const result = batch[i] as BulkCsvResult;
        onResult?.(result);
        const profile = profiles?.[i];
        text += `${
          profile !== undefined && result.ok
            ? line(result.cells, result.result, profile)
            : formatCsvRow(toOutputRecord(result.cells, carried, result))
        }\n`;
        if (text.length >= CHUNK_CHARS) {
          yield text;
          text = '';
        }
      }
    }
    if (text !== '') yield text;
  } finally {
    await batches.return();
  }
}

/**
 * The CSV answer of a bulk benchmark as a byte stream: the header, then one line per input row,
 * the input columns repeated and the result columns added (formatted by d3-dsv: RFC 4180, LF line
 * ends). Rows are produced only as fast as the stream is read (backpressure), so pipe it straight
 * to a file or an HTTP response.
 *
 * @example
 * import { pipeline } from 'node:stream/promises';
 * const bulk = await benchmarkOffersCsv(dataset, createReadStream('offers.csv'));
 * await pipeline(streamBulkCsv(bulk), createWriteStream('results.csv'));
 */
export function streamBulkCsv(bulk: BulkCsv, options: StreamBulkCsvOptions = {}): Readable {
  const batches = resultBatchesOf(bulk) ?? singleResults(bulk);
  return Readable.from(csvChunks(bulk, batches, options.onResult), { objectMode: false });
}
