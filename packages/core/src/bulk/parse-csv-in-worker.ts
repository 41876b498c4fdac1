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
 * cannot read is posted as `{ unreadable: reason }` in its place. Once told which cells of a
 * record are carried into the CSV answer (`{ carried }`), it also posts with each batch `lines`:
 * per record, those cells as one CSV line by d3-dsv's `csvFormatRow` (a missing cell empty), so
 * the thread that writes the answer formats only the result cells. Plain JavaScript in an eval
 * worker: no TypeScript loader to start (a few MB and a few ms instead of a second loader).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.d3Dsv).then(({ csvFormatRow }) => {
  const { parse } = require(workerData.csvParse);
  let batch = [];
  let lines = [];
  let carried;
  let acks = 0;
  const post = () => {
    // Each record's text, when every record of the batch has it.
    parentPort.postMessage(carried !== undefined && lines.length === batch.length ? { records: batch, lines, acks } : { records: batch, acks });
    batch = [];
    lines = [];
    acks = 0;
  };
  const parser = parse({
    ...workerData.options,
    on_skip: (error) => {
      parser.push({ unreadable: error ? error.message : 'unreadable CSV record' });
      return undefined;
    },
  });
  parser.on('data', (record) => {
    batch.push(record);
    if (carried !== undefined) {
      const cells = Array.isArray(record) ? record : [];
      const out = new Array(carried.length);
      for (let k = 0; k < carried.length; k++) out[k] = cells[carried[k]] ?? '';
      lines.push(csvFormatRow(out));
    }
  });
  parser.on('end', () => {
    post();
    parentPort.postMessage({ end: true });
  });
  parser.on('error', (error) => parentPort.postMessage({ error: { message: error.message, code: error.code } }));
  const written = () => {
    acks++;
    post();
  };
  parentPort.on('message', (chunk) => {
    if (chunk === null) parser.end();
    else if (typeof chunk === 'string') parser.write(chunk, written);
    else if (chunk instanceof Uint8Array) parser.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength), written);
    else {
      carried = chunk.carried;
      lines = [];
    }
  });
}).catch((error) => {
  parentPort.postMessage({ error: { message: String(error && error.message) } });
});
`;

const requireHere = createRequire(import.meta.url);
/** csv-parse, as the worker loads it (its CommonJS build: an eval worker is a CommonJS script). */
const CSV_PARSE = requireHere.resolve('csv-parse');
/** d3-dsv (an ES module), imported by the worker by its URL. */
const D3_DSV = pathToFileURL(requireHere.resolve('d3-dsv')).href;

/** Per batch of records, the CSV text of each record's carried cells, when the worker wrote it. */
const carriedLines = new WeakMap<readonly unknown[], readonly string[]>();

/**
 * The CSV text of the carried cells of each record of `batch` (d3-dsv's `csvFormatRow` of
 * `carried.map((i) => record[i] ?? '')`, an unreadable record's cells all empty), when the worker
 * wrote it (batches parsed after {@link formatCarriedInWorker}); otherwise undefined.
 */
export function carriedLinesOf(batch: readonly unknown[]): readonly string[] | undefined {
  return carriedLines.get(batch);
}

/** The worker behind each {@link parseCsvInWorker} generator, for {@link formatCarriedInWorker}. */
const carriedSetters = new WeakMap<object, (carried: readonly number[]) => void>();

/**
 * Asks the worker behind `records` (from {@link parseCsvInWorker}) to write, from the next batches
 * on, the CSV text of the `carried` cells of each record (see {@link carriedLinesOf}).
 */
export function formatCarriedInWorker(records: object, carried: readonly number[]): void {
  carriedSetters.get(records)?.([...carried]);
}

/** Input chunks posted and not yet parsed, plus parsed batches not yet taken: the most the worker runs ahead. */
const MAX_AHEAD = 2;

type WorkerMessage =
  | { readonly records: (string[] | UnreadableRecord)[]; readonly lines?: string[]; readonly acks: number }
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
  let carried: readonly number[] | undefined;
  let setCarried = (value: readonly number[]) => {
    carried = value;
  };
  const records = workerRecords(
    source,
    options,
    () => carried,
    (set) => {
      setCarried = set;
    },
  );
  carriedSetters.set(records, (value) => setCarried(value));
  return records;
}

async function* workerRecords(
  source: Readable,
  options: Readonly<Record<string, boolean | string | number>>,
  carriedSoFar: () => readonly number[] | undefined,
  onStarted: (setCarried: (carried: readonly number[]) => void) => void,
): AsyncGenerator<(string[] | UnreadableRecord)[], void, undefined> {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    execArgv: [],
    workerData: { csvParse: CSV_PARSE, d3Dsv: D3_DSV, options },
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
    if ('records' in message) {
      if (message.lines !== undefined) carriedLines.set(message.records, message.lines);
      if (message.records.length > 0) batches.push(message.records);
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

  const sendCarried = (carried: readonly number[]) => worker.postMessage({ carried });
  const early = carriedSoFar();
  if (early !== undefined) sendCarried(early);
  onStarted(sendCarried);

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
