import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { isQuickOptions, RECORD_READER_SOURCE, type UnreadableRecord } from './read-csv-records.js';

export type { UnreadableRecord } from './read-csv-records.js';

/**
 * The worker: the record reader (`RECORD_READER_SOURCE`: csv-parse, the same package and options
 * as in the calling thread, and with the offers' options d3-dsv for plain lines) fed the input's
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
const createRecordReader = ${RECORD_READER_SOURCE};
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
  // A copy of a cell kept as a key: a cell read by d3-dsv is a slice of the text of its whole
  // chunk, which a key kept for the run would keep alive with it.
  const own = (cell) => JSON.parse(JSON.stringify(cell));
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
        node.set(own(cell), next);
      }
      node = next;
    }
    const i = profile[last];
    const cell = i >= 0 ? (cells[i] ?? '') : '';
    const id = node.get(cell);
    if (id !== undefined) return id;
    node.set(own(cell), count);
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
  const reader = createRecordReader(
    parse,
    csvParseRows,
    workerData.options,
    workerData.quick === true,
    onRecord,
    () => {
      post();
      parentPort.postMessage({ end: true });
    },
    (error) => parentPort.postMessage({ error: { message: error.message, code: error.code } }),
  );

  parentPort.on('message', (chunk) => {
    if (chunk === null) reader.end();
    else if (typeof chunk === 'string' || chunk instanceof Uint8Array) {
      reader.write(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength), written);
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

/** A batch as the worker posts it. */
interface RecordsMessage {
  readonly cells: string[];
  readonly shapes: Int32Array;
  readonly ids?: Int32Array;
  readonly acks: number;
}

type WorkerMessage = RecordsMessage | { readonly end: true } | { readonly error: { readonly message: string; readonly code?: string } };

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
  const quick = isQuickOptions(options);
  if (quick) d3DsvUrl ??= pathToFileURL(require.resolve('d3-dsv')).href;
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    execArgv: [],
    workerData: { csvParse: csvParsePath, options, quick, d3Dsv: d3DsvUrl },
    // The parser keeps little: a small young generation keeps the thread's memory small.
    resourceLimits: { maxYoungGenerationSizeMb: 8 },
  });
  // Batches as posted, made into records when taken: records made on arrival and kept waiting
  // across a young-generation collection or two were promoted to the old space (with 8 batches
  // allowed ahead instead of 2, 189 MB promoted over a 1M-row run instead of 25 MB, and 220 MB
  // peak RSS), where they stay until the next full collection.
  const batches: RecordsMessage[] = [];
  let ahead = 0;
  let ended = false;
  let failure: Error | undefined;
  let stopped = false;
  let wake = () => {};
  let wakeFeeder = () => {};
  worker.on('message', (message: WorkerMessage) => {
    if ('shapes' in message) {
      if (message.shapes.length > 0) batches.push(message);
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
      const message = batches.shift();
      if (message !== undefined) {
        wakeFeeder();
        const batch = toRecords(message, isProfile, numbered);
        if (message.ids !== undefined) profileIds.set(batch, message.ids);
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
