import type { Readable } from 'node:stream';
import { runInThisContext } from 'node:vm';
import { parse } from 'csv-parse';
import { csvParseRows } from 'd3-dsv';

/** A record csv-parse could not read, in its place in the input (see `on_skip`). */
export interface UnreadableRecord {
  readonly unreadable: string;
}

/**
 * The csv-parse options of the offers' CSV (see `benchmarkOffersCsv`), the only ones with which
 * the record reader reads plain lines with d3-dsv (the quick path, see {@link RECORD_READER_SOURCE}):
 * with any other options, csv-parse reads the whole input.
 */
export const QUICK_OPTIONS: Readonly<Record<string, boolean>> = Object.freeze({
  bom: true,
  ltrim: true,
  relax_quotes: true,
  relax_column_count: true,
  skip_empty_lines: true,
  skip_records_with_empty_values: true,
  skip_records_with_error: true,
});

/** Whether `options` are exactly {@link QUICK_OPTIONS}. */
export function isQuickOptions(options: Readonly<Record<string, boolean | string | number>>): boolean {
  const keys = Object.keys(options);
  return keys.length === Object.keys(QUICK_OPTIONS).length && keys.every((key) => options[key] === QUICK_OPTIONS[key]);
}

/**
 * The record reader, as plain JavaScript source (a function expression), so that the same code
 * runs in the parser's worker (an eval worker: see `parseCsvInWorker`) and in the calling thread
 * ({@link readCsvRecords}). `createRecordReader(parse, csvParseRows, options, quick, onRecord,
 * onEnd, onError)` gives `{ write(bytes, callback), end() }`: the input's bytes go in chunk by
 * chunk (`callback` once the chunk is read), each record comes out through `onRecord` in input
 * order (an unreadable one as `{ unreadable: reason }` in its place), then `onEnd`.
 *
 * The quick path (`quick`, only with {@link QUICK_OPTIONS}): while the input is text that
 * csv-parse with those options reads as d3-dsv's csvParseRows does, whole lines at a time go to
 * csvParseRows, and csv-parse takes over for the rest from the first line that is not. Such text
 * has no quote (quoted fields, relax_quotes), no CR (CRLF or CR line ends: csv-parse's record
 * delimiter is found from the first line end), no invalid UTF-8 (nor a UTF-16 BOM), and no field
 * starting with a character that ltrim removes (csv-parse's list): it is lines of cells split at
 * commas, which both read the same. Records of empty cells (skip_records_with_empty_values,
 * empty lines too) are left out by csv-parse's own test of a record (every cell empty once
 * trimmed). csv-parse, when it takes over, is first given a line end for each line read before,
 * so the line numbers in its messages are the same (those empty lines are skipped, and set the
 * record delimiter to LF as the lines read before had). A property test checks the records
 * against csv-parse's for random bytes split anywhere.
 */
export const RECORD_READER_SOURCE = `(function createRecordReader(parse, csvParseRows, options, quick, onRecord, onEnd, onError) {
  // csv-parse, made when first needed.
  let parser;
  const csvParse = () => {
    parser = parse({
      ...options,
      on_skip: (error) => {
        parser.push({ unreadable: error ? error.message : 'unreadable CSV record' });
        return undefined;
      },
    });
    parser.on('data', onRecord);
    parser.on('end', onEnd);
    parser.on('error', onError);
  };
  const NOT_QUICK = /["\\r\\ufffd]|(?:^|[,\\n])[ \\t\\f\\v\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]/;
  // The input's bytes from the start of the line not read yet, the line ends read, whether
  // the input's start (and so a UTF-8 BOM) is still to come.
  let rest;
  let lines = 0;
  let atStart = true;
  const handOver = (bytes, callback) => {
    quick = false;
    rest = undefined;
    csvParse();
    // The line ends, 64 kB at a time (a long file's would be as many bytes at once).
    const newlines = Buffer.alloc(Math.min(lines, 65536), 10);
    for (let left = lines; left > 0; left -= newlines.length) parser.write(left >= newlines.length ? newlines : newlines.subarray(0, left));
    parser.write(bytes, callback);
  };
  const isEmpty = (record) => record.every((field) => field.trim() === '');
  // Reads whole lines (text of LF-ended lines, or the last line): false where it is not quick text.
  const readQuick = (bytes, end) => {
    let text = bytes.toString('utf8', 0, end);
    if (atStart) {
      atStart = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (NOT_QUICK.test(text)) return false;
    const records = csvParseRows(text);
    lines += records.length;
    for (let k = 0; k < records.length; k++) {
      const record = records[k];
      if (!isEmpty(record)) onRecord(record);
    }
    return true;
  };
  const writeQuick = (chunk, callback) => {
    const bytes = rest === undefined ? chunk : Buffer.concat([rest, chunk]);
    // A UTF-8 BOM is known by its first 3 bytes (csv-parse waits for them too); a UTF-16 one is not quick.
    if (atStart && bytes[0] === 0xff && bytes[1] === 0xfe) return handOver(bytes, callback);
    const end = atStart && bytes.length < 3 ? 0 : bytes.lastIndexOf(10) + 1;
    if (end > 0 && !readQuick(bytes, end)) return handOver(bytes, callback);
    // A line of more than 1 MB so far: csv-parse reads it as it comes, rather than copying it again with every chunk.
    if (end === 0 && bytes.length > 1048576) return handOver(bytes, callback);
    // A copy: a view would keep the whole chunk (often 64 kB) alive with it.
    rest = end < bytes.length ? Buffer.from(bytes.subarray(end)) : undefined;
    callback();
  };
  const endQuick = () => {
    const bytes = rest ?? Buffer.alloc(0);
    if ((atStart && bytes[0] === 0xff && bytes[1] === 0xfe) || !readQuick(bytes, bytes.length)) {
      handOver(bytes, () => {});
      parser.end();
      return;
    }
    onEnd();
  };
  if (!quick) csvParse();
  return {
    write: (bytes, callback) => (quick ? writeQuick(bytes, callback) : parser.write(bytes, callback)),
    end: () => (quick ? endQuick() : parser.end()),
  };
})`;

type Record_ = string[] | UnreadableRecord;

/** The reader made from {@link RECORD_READER_SOURCE}. */
type CreateRecordReader = (
  parseCsv: typeof parse,
  parseRows: typeof csvParseRows,
  options: Readonly<Record<string, boolean | string | number>>,
  quick: boolean,
  onRecord: (record: Record_) => void,
  onEnd: () => void,
  onError: (error: Error) => void,
) => { write(bytes: Buffer, callback: (error?: Error | null) => void): void; end(): void };

/** The most bytes {@link readCsvRecords} gives the reader at a time. */
const PIECE_BYTES = 16 * 1024;

/** The reader in this thread, compiled from its source on first use. */
let createRecordReader: CreateRecordReader | undefined;

/**
 * The records of a CSV byte stream read in this thread with csv-parse's `options` (with the
 * offers' options, plain lines by d3-dsv: see {@link RECORD_READER_SOURCE}), a batch per input
 * chunk, in input order, an unreadable record as `{ unreadable: reason }` in its place. The input
 * is read only as the batches are taken; returning early leaves it to the caller to close.
 */
export async function* readCsvRecords(
  source: Readable,
  options: Readonly<Record<string, boolean | string | number>>,
): AsyncGenerator<Record_[], void, undefined> {
  // The same source the worker runs: compiled here once, not evaluated from any input. By node:vm,
  // which a process started with --disallow-code-generation-from-strings still allows (that flag
  // refuses eval and new Function).
  createRecordReader ??= runInThisContext(`(${RECORD_READER_SOURCE})`, { filename: 'paylens-csv-record-reader.js' }) as CreateRecordReader;
  let batch: Record_[] = [];
  let ended = false;
  let failure: Error | undefined;
  let wake = () => {};
  const reader = createRecordReader(
    parse,
    csvParseRows,
    options,
    isQuickOptions(options),
    (record) => {
      batch.push(record);
    },
    () => {
      ended = true;
      wake();
    },
    (error) => {
      failure ??= error;
      wake();
    },
  );
  const take = () => {
    const taken = batch;
    batch = [];
    return taken;
  };
  for await (const chunk of source as AsyncIterable<string | Uint8Array>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    // A piece of the chunk at a time, a batch each: d3-dsv's cells are slices of the text of what
    // it read, so a batch in use when the young generation is collected keeps that whole text
    // alive and has it promoted to the old space with it (a 64 kB chunk's: 63 MB promoted over
    // 1M rows, peak RSS up to ~215 MB, instead of ~20 MB and ~140 MB; bench/NOTES.md, bulk round 5).
    for (let at = 0; at < bytes.length; at += PIECE_BYTES) {
      const piece = bytes.subarray(at, Math.min(at + PIECE_BYTES, bytes.length));
      // Woken by the piece's callback, or by an error of the parser.
      await new Promise<void>((resolve) => {
        wake = resolve;
        reader.write(piece, () => resolve());
      });
      if (failure) throw failure;
      if (batch.length > 0) yield take();
    }
  }
  reader.end();
  while (!ended && failure === undefined)
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
  if (failure) throw failure;
  if (batch.length > 0) yield take();
}
