import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** A record csv-parse could not read, in its place in the input (see `on_skip`). */
export interface UnreadableRecord {
  readonly unreadable: string;
}

/**
 * The worker: csv-parse (the same package and options as in the calling thread) fed the input's
 * chunks as they are posted, posting back its records in input order, a batch per input chunk
 * parsed (`acks` counts them, so the caller knows how far ahead the input is). A record csv-parse
 * cannot read is posted as `{ unreadable: reason }` in its place. Once told where a record's
 * profile cells are (`{ profile: { columns, limit } }`), it also numbers each record's profile
 * and posts the numbers with the batch (`ids`, see {@link profileIdsOf}), so that the thread
 * benchmarking the records finds a market by one array index instead of a lookup per column;
 * and a record whose profile already has a number comes without its profile cells (the calling
 * thread takes them from the record that got the number, see `toRecords`): most of a record's
 * cells are its profile's, and every string posted is copied twice (out of this thread, into
 * the other). A batch is one array of cells with a shape per record (`shapes`), not an array per
 * record.
 * Plain JavaScript in an eval worker: no TypeScript loader to start (a few MB and a few ms
 * instead of a second loader).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const start = (csvParseRows) => {
  const { parse } = require(workerData.csvParse);
  // The batch: every record's cells in one array, and per record its shape: n >= 0 for a record
  // of n cells all sent, -1 for an unreadable record (its reason sent), -2 - n for a record of n
  // cells whose profile was numbered before (its profile cells not sent: they are those of the
  // record that got the number, sent whole).
  let cells = [];
  let shapes = [];
  let ids = [];
  let profile;
  let isProfile = [];
  let limit = 1;
  let trie = new Map();
  let count = 0;
  let acks = 0;
  const post = () => {
    const shape = Int32Array.from(shapes);
    // The profile ids, when every record of the batch has one.
    if (profile !== undefined && ids.length === shapes.length) {
      const numbers = Int32Array.from(ids);
      parentPort.postMessage({ cells, shapes: shape, ids: numbers, acks }, [shape.buffer, numbers.buffer]);
    } else {
      parentPort.postMessage({ cells, shapes: shape, acks }, [shape.buffer]);
    }
    cells = [];
    shapes = [];
    ids = [];
    acks = 0;
  };
  // The record's profile id: its profile cells as read, one map level per column. A profile not
  // numbered since the last start gets the next number, posted as ~id; after limit numbers the
  // numbering starts again.
  const profileId = (cells) => {
    if (count >= limit) {
      trie = new Map();
      count = 0;
    }
    let node = trie;
    const last = profile.length - 1;
    for (let k = 0; k < last; k++) {
      const i = profile[k];
      const cell = i >= 0 ? (cells[i] ?? '') : '';
      let next = node.get(cell);
      if (next === undefined) {
        next = new Map();
        node.set(cell, next);
      }
      node = next;
    }
    const i = profile[last];
    const cell = i >= 0 ? (cells[i] ?? '') : '';
    const id = node.get(cell);
    if (id !== undefined) return id;
    node.set(cell, count);
    return ~count++;
  };
  const onRecord = (record) => {
    if (!Array.isArray(record)) {
      cells.push(record.unreadable);
      shapes.push(-1);
      if (profile !== undefined) ids.push(0);
      return;
    }
    const n = record.length;
    if (profile !== undefined) {
      const id = profileId(record);
      ids.push(id);
      if (id >= 0) {
        for (let i = 0; i < n; i++) if (isProfile[i] !== true) cells.push(record[i]);
        shapes.push(-2 - n);
        return;
      }
    }
    for (let i = 0; i < n; i++) cells.push(record[i]);
    shapes.push(n);
  };
  const written = () => {
    acks++;
    post();
  };
  // csv-parse, made when first needed.
  let parser;
  const csvParse = () => {
    parser = parse({
      ...workerData.options,
      on_skip: (error) => {
        parser.push({ unreadable: error ? error.message : 'unreadable CSV record' });
        return undefined;
      },
    });
    parser.on('data', onRecord);
    parser.on('end', () => {
      post();
      parentPort.postMessage({ end: true });
    });
    parser.on('error', (error) => parentPort.postMessage({ error: { message: error.message, code: error.code } }));
  };

  // The quick path (workerData.quick, only with the offers' csv-parse options, see QUICK_OPTIONS):
  // while the input is text that csv-parse with those options reads as d3-dsv's csvParseRows
  // does, whole lines at a time go to csvParseRows, and csv-parse takes over for the rest from
  // the first line that is not. Such text has no quote (quoted fields, relax_quotes), no CR
  // (CRLF or CR line ends, csv-parse's record delimiter found from the first line end), no
  // invalid UTF-8 (a UTF-16 BOM), and no field starting with a character that ltrim removes
  // (csv-parse's list): it is lines of cells split at commas, which both read the same. Records
  // of empty cells (skip_records_with_empty_values, empty lines too) are left out by csv-parse's
  // own test of a record (every cell empty once trimmed). csv-parse, when it takes over, is
  // first given a line end for each line read here, so the line numbers in its messages are the
  // same (those empty lines are skipped, and set the record delimiter to LF as the lines read
  // here had).
  let quick = workerData.quick === true;
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
    if (lines > 0) parser.write(Buffer.alloc(lines, 10));
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
    rest = end < bytes.length ? bytes.subarray(end) : undefined;
    callback();
  };
  const endQuick = () => {
    const bytes = rest ?? Buffer.alloc(0);
    if ((atStart && bytes[0] === 0xff && bytes[1] === 0xfe) || !readQuick(bytes, bytes.length)) {
      handOver(bytes, () => {});
      parser.end();
      return;
    }
    post();
    parentPort.postMessage({ end: true });
  };
  if (!quick) csvParse();

  parentPort.on('message', (chunk) => {
    if (chunk === null) {
      if (quick) endQuick();
      else parser.end();
    } else if (typeof chunk === 'string' || chunk instanceof Uint8Array) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      if (quick) writeQuick(bytes, written);
      else parser.write(bytes, written);
    } else {
      // The records so far go without ids.
      if (shapes.length > 0) post();
      profile = chunk.profile.columns;
      isProfile = [];
      for (const i of profile) if (i >= 0) isProfile[i] = true;
      limit = Math.max(1, chunk.profile.limit);
      trie = new Map();
      count = 0;
      ids = [];
    }
  });
};
(workerData.quick === true ? import(workerData.d3Dsv).then((d3) => d3.csvParseRows) : Promise.resolve(undefined))
  .then(start)
  .catch((error) => parentPort.postMessage({ error: { message: String(error && error.message) } }));
`;

/** csv-parse, as the worker loads it (its CommonJS build: an eval worker is a CommonJS script); resolved on first use. */
let csvParsePath: string | undefined;
/** d3-dsv, as the worker imports it for the quick path (an ES module); resolved on first use. */
let d3DsvUrl: string | undefined;

/**
 * The csv-parse options of the offers' CSV (see `benchmarkOffersCsv`), the only ones with which
 * the worker reads plain lines with d3-dsv (the quick path: see the worker's source): with any
 * other options, csv-parse reads the whole input.
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
function isQuick(options: Readonly<Record<string, boolean | string | number>>): boolean {
  const keys = Object.keys(options);
  return keys.length === Object.keys(QUICK_OPTIONS).length && keys.every((key) => options[key] === QUICK_OPTIONS[key]);
}

/** Per batch of records, each record's profile id, when the worker numbered them. */
const profileIds = new WeakMap<readonly unknown[], Int32Array>();

/**
 * Each record's profile id in `batch`, when the worker numbered them (batches parsed after
 * {@link numberProfilesInWorker}): records whose profile cells (at the `columns` given, -1 for
 * none; cells as read) are equal have the same id, in `0 … limit - 1`, until the worker starts
 * numbering again; where a number is given to a profile afresh, the record holds `~id` (negative)
 * instead. An unreadable record holds 0 (meaningless).
 */
export function profileIdsOf(batch: readonly unknown[]): Int32Array | undefined {
  return profileIds.get(batch);
}

/** Where a record's profile cells are, and how many profiles to number before starting again. */
export interface WorkerProfiles {
  readonly columns: readonly number[];
  readonly limit: number;
}

/** The way to configure the worker behind each {@link parseCsvInWorker} generator. */
const configure = new WeakMap<object, (profile: WorkerProfiles) => void>();

/**
 * Asks the worker behind `records` (from {@link parseCsvInWorker}) to number the profiles of the
 * records of the batches it parses from now on (see {@link profileIdsOf}).
 */
export function numberProfilesInWorker(records: object, profile: WorkerProfiles): void {
  configure.get(records)?.({ columns: [...profile.columns], limit: profile.limit });
}

/**
 * The records of a batch as the worker posts it (see the worker's `shapes`): a record sent
 * without its profile cells gets them from the record that got its profile id, kept in
 * `numbered` (by id) as it passes.
 */
function toRecords(
  message: { readonly cells: readonly string[]; readonly shapes: Int32Array; readonly ids?: Int32Array },
  isProfile: readonly boolean[],
  numbered: string[][],
): (string[] | UnreadableRecord)[] {
  const { cells, shapes, ids } = message;
  const records = new Array<string[] | UnreadableRecord>(shapes.length);
  let at = 0;
  for (let k = 0; k < shapes.length; k++) {
    const shape = shapes[k] as number;
    if (shape === -1) {
      records[k] = { unreadable: cells[at++] as string };
    } else if (shape >= 0) {
      const record = cells.slice(at, at + shape);
      at += shape;
      records[k] = record;
      const id = ids?.[k] ?? 0;
      if (id < 0) numbered[~id] = record;
    } else {
      const n = -2 - shape;
      const from = numbered[ids?.[k] ?? 0] as string[];
      const record: string[] = [];
      for (let i = 0; i < n; i++) record.push(isProfile[i] === true ? (from[i] ?? '') : (cells[at++] as string));
      records[k] = record;
    }
  }
  return records;
}

/** Input chunks posted and not yet parsed, plus parsed batches not yet taken: the most the worker runs ahead. */
const MAX_AHEAD = 2;

type WorkerMessage =
  | { readonly cells: string[]; readonly shapes: Int32Array; readonly ids?: Int32Array; readonly acks: number }
  | { readonly end: true }
  | { readonly error: { readonly message: string; readonly code?: string } };

/**
 * The records of a CSV byte stream, parsed by csv-parse on a worker thread with `options`, a
 * batch at a time in input order: the thread reading them (benchmarking, formatting) and the
 * parser run on two cores. The input is read only as the batches are taken (a few 64 kB chunks
 * ahead at most). Returning early stops the worker; the caller closes the input.
 */
export function parseCsvInWorker(
  source: Readable,
  options: Readonly<Record<string, boolean | string | number>>,
): AsyncGenerator<(string[] | UnreadableRecord)[], void, undefined> {
  // Asked for before the generator has started its worker: sent when it does.
  let early: WorkerProfiles | undefined;
  let send = (profile: WorkerProfiles) => {
    early = profile;
  };
  const records = workerRecords(
    source,
    options,
    () => early,
    (started) => {
      send = started;
    },
  );
  configure.set(records, (profile) => send(profile));
  return records;
}

async function* workerRecords(
  source: Readable,
  options: Readonly<Record<string, boolean | string | number>>,
  earlyProfiles: () => WorkerProfiles | undefined,
  onStarted: (send: (profile: WorkerProfiles) => void) => void,
): AsyncGenerator<(string[] | UnreadableRecord)[], void, undefined> {
  const require = createRequire(import.meta.url);
  csvParsePath ??= require.resolve('csv-parse');
  const quick = isQuick(options);
  if (quick) d3DsvUrl ??= pathToFileURL(require.resolve('d3-dsv')).href;
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    execArgv: [],
    workerData: { csvParse: csvParsePath, options, quick, d3Dsv: d3DsvUrl },
    // The parser keeps little: a small young generation keeps the thread's memory small.
    resourceLimits: { maxYoungGenerationSizeMb: 8 },
  });
  const batches: (string[] | UnreadableRecord)[][] = [];
  let ahead = 0;
  let ended = false;
  let failure: Error | undefined;
  let stopped = false;
  let wake = () => {};
  let wakeFeeder = () => {};
  worker.on('message', (message: WorkerMessage) => {
    if ('shapes' in message) {
      const records = toRecords(message, isProfile, numbered);
      if (message.ids !== undefined) profileIds.set(records, message.ids);
      if (records.length > 0) batches.push(records);
      ahead -= message.acks;
      wakeFeeder();
    } else if ('end' in message) {
      ended = true;
    } else {
      failure ??= Object.assign(new Error(message.error.message), message.error.code === undefined ? {} : { code: message.error.code });
    }
    wake();
  });
  worker.on('error', (error) => {
    failure ??= error;
    wake();
  });

  // Where the profile cells are, and per profile id the record that got it: the profile cells of
  // the records that come without them.
  let isProfile: boolean[] = [];
  const numbered: string[][] = [];
  const sendProfiles = (profile: WorkerProfiles) => {
    isProfile = [];
    for (const i of profile.columns) if (i >= 0) isProfile[i] = true;
    worker.postMessage({ profile });
  };
  const early = earlyProfiles();
  if (early !== undefined) sendProfiles(early);
  onStarted(sendProfiles);

  const feed = async () => {
    try {
      for await (const chunk of source as AsyncIterable<string | Uint8Array>) {
        if (stopped) return;
        // A buffer that owns all its memory (as a file stream's are) is handed over, not copied.
        if (
          typeof chunk !== 'string' &&
          chunk.byteOffset === 0 &&
          chunk.byteLength === chunk.buffer.byteLength &&
          chunk.buffer instanceof ArrayBuffer
        ) {
          worker.postMessage(chunk, [chunk.buffer]);
        } else {
          worker.postMessage(chunk);
        }
        ahead++;
        while (!stopped && ahead + batches.length >= MAX_AHEAD) {
          await new Promise<void>((resolve) => {
            wakeFeeder = resolve;
          });
        }
        if (stopped) return;
      }
      worker.postMessage(null);
    } catch (error) {
      failure ??= error instanceof Error ? error : new Error(String(error));
      wake();
    }
  };
  void feed();

  try {
    for (;;) {
      const batch = batches.shift();
      if (batch !== undefined) {
        wakeFeeder();
        yield batch;
      } else if (failure) throw failure;
      else if (ended) return;
      else
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
    }
  } finally {
    stopped = true;
    wakeFeeder();
    await worker.terminate();
  }
}
