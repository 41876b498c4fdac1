import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  BenchmarkQuerySchema,
  BulkBenchmarkSchema,
  type BulkCsv,
  type BulkCsvResult,
  type BulkResult,
  benchmarkOffers,
  benchmarkOffersCsv,
  createBulkSummary,
  type Dataset,
  matchOfferColumn,
  OFFER_COLUMNS,
  type OfferColumn,
  RESULT_COLUMNS,
  RowLimitError,
  streamBulkCsv,
} from '@paylens/core/node';
import type { Request, Response } from 'express';
import * as z from 'zod';
import { toBytes } from '../config.js';
import { HttpProblem } from '../middleware/http-problem.js';
import { defineRoute } from '../routing/define-route.js';

const CSV = 'text/csv';

const OffersSchema = z
  .strictObject({
    offers: z
      .array(
        // Any element is accepted here: each is checked on its own, so a bad one is an error row, not a 400 for the batch.
        z.union([BenchmarkQuerySchema, z.unknown()]).meta({
          description:
            'One offer: the body of POST /v1/offers/benchmark, or a flat record keyed like the CSV columns ' +
            "({ base: 90000, level: 'mid', skills: 'dicom;hl7' })",
        }),
      )
      .meta({ description: 'The offers, one result each, in this order' }),
  })
  .meta({ id: 'BulkBenchmarkQuery', description: 'Many offers to benchmark at once' });

const CsvRequestSchema = z.string().meta({
  description:
    `CSV (UTF-8, comma-separated, a header row). Columns, matched ignoring case, spaces, _ and -: ${OFFER_COLUMNS.join(', ')}; ` +
    'base is required, skills is a ;-separated list, other columns are carried through to the answer. ' +
    'A BOM, CRLF line ends, quoted fields and blank lines are accepted.',
  example: 'name,base,bonus,level,region,skills\r\nAna,90000,2000,mid,us,dicom;hl7\r\nBo,140000,,mid,us-ca-san-francisco,\r\n',
});

const CsvResponseSchema = z.string().meta({
  description:
    `CSV: the input columns repeated (for JSON input: ${OFFER_COLUMNS.join(', ')}), then ${RESULT_COLUMNS.join(', ')}; ` +
    'one line per input row, in input order; a failed row has empty figures and its error as "path: message".',
  example: `name,base,bonus,level,region,skills,${RESULT_COLUMNS.join(',')}\r\nAna,90000,2000,mid,us,dicom;hl7,50,1,competitive,…\r\n`,
});

const COLUMN_MAP = {
  header: OFFER_COLUMNS,
  index: Object.fromEntries(OFFER_COLUMNS.map((c, i) => [c, i])) as Record<OfferColumn, number>,
  carried: OFFER_COLUMNS.map((_, i) => i),
};

/** The input cells of a JSON offer for the CSV answer: nested `offer` fields flattened, skills joined by `;`. */
function toOfferCells(input: unknown): string[] {
  const cells = OFFER_COLUMNS.map(() => '');
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return cells;
  const { offer, ...rest } = input as Record<string, unknown>;
  const flat = typeof offer === 'object' && offer !== null ? { ...rest, ...offer } : (input as Record<string, unknown>);
  for (const [key, value] of Object.entries(flat)) {
    const column = matchOfferColumn(key);
    if (!column) continue;
    const cell = Array.isArray(value)
      ? value.join(';')
      : typeof value === 'object' && value !== null
        ? JSON.stringify(value)
        : String(value ?? '');
    cells[OFFER_COLUMNS.indexOf(column)] = cell;
  }
  return cells;
}

function fromJson(dataset: Dataset, offers: readonly unknown[], maxRows: number): BulkCsv {
  if (offers.length > maxRows) throw new RowLimitError(maxRows);
  async function* results(): AsyncGenerator<BulkCsvResult> {
    for await (const r of benchmarkOffers(dataset, offers)) yield { ...r, cells: toOfferCells(offers[r.row - 1]) };
  }
  return { columns: COLUMN_MAP, outputHeader: [...OFFER_COLUMNS, ...RESULT_COLUMNS], results: results() };
}

interface CsvBody {
  readonly stream: Readable;
  /** Stops reading a body that was not read to its end, so the answer can go out; the connection then closes. */
  readonly release: () => void;
}

/** The request body as a byte stream, refused once it passes `limit` bytes (upfront when Content-Length says so). */
function readCsvBody(req: Request, res: Response, limit: number): CsvBody {
  const tooLarge = () =>
    new HttpProblem(
      413,
      'Payload too large',
      `The CSV body is larger than this server accepts (limit: ${limit.toLocaleString('en-US')} bytes)`,
    );
  const release = () => {
    if (req.complete) return;
    req.unpipe();
    res.set('Connection', 'close');
    req.resume();
  };
  const charset = /;\s*charset="?([^";]+)/i.exec(req.get('content-type') ?? '')?.[1]?.toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8' && charset !== 'us-ascii') {
    release();
    throw new HttpProblem(415, 'Unsupported media type', 'The CSV body charset is not supported; send UTF-8');
  }
  const encoding = req.get('content-encoding');
  if (encoding && encoding.toLowerCase() !== 'identity') {
    release();
    throw new HttpProblem(415, 'Unsupported media type', 'A compressed CSV body is not supported; send it uncompressed');
  }
  if (Number(req.get('content-length') ?? 0) > limit) {
    release();
    throw tooLarge();
  }
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      done(seen > limit ? tooLarge() : null, chunk);
    },
  });
  // A client that goes away mid-upload ends the read with an error instead of leaving it waiting.
  const abort = () => counter.destroy(new Error('the client closed the request before its end'));
  req.once('aborted', abort);
  req.once('error', abort);
  req.once('close', () => {
    if (!req.complete) abort();
  });
  req.pipe(counter);
  return { stream: counter, release };
}

async function collect(results: AsyncIterable<BulkResult>) {
  const summary = createBulkSummary();
  const list: BulkResult[] = [];
  for await (const result of results) {
    summary.add(result);
    list.push(result);
  }
  return { results: list, summary: summary.summary() };
}

async function* withoutCells(results: AsyncIterable<BulkCsvResult>): AsyncGenerator<BulkResult> {
  for await (const { cells: _cells, ...result } of results) yield result;
}

async function answer(bulk: BulkCsv, req: Request, res: Response): Promise<void> {
  if (req.accepts(['application/json', CSV]) !== CSV) {
    res.status(200).json(await collect(withoutCells(bulk.results)));
    return;
  }
  // The answer is held until the input has ended: a row past the limit must still be able to
  // turn it into a 413, which a started 200 cannot. BATCH_MAX_ROWS bounds what is held.
  const chunks: Buffer[] = [];
  for await (const chunk of streamBulkCsv(bulk)) chunks.push(chunk as Buffer);
  res.status(200).type('text/csv; charset=utf-8');
  await pipeline(Readable.from(chunks), res);
}

export const benchmarkOffersBatchRoute = defineRoute({
  method: 'post',
  path: '/v1/offers/benchmark/batch',
  operationId: 'benchmarkOffersBatch',
  summary: 'Benchmark many offers: JSON or CSV in, JSON or CSV out',
  description:
    'Every input row yields exactly one result, in input order: its benchmark, or an error naming the row, the field and the reason; ' +
    'a bad row never fails the batch. Send { offers: [...] } as JSON or a CSV file as text/csv (read as a stream, with its own ' +
    'size limit). Answers JSON with a summary (counts by verdict, failed rows), or CSV with Accept: text/csv: the input columns ' +
    'repeated and the result columns added. A CSV answer starts once the whole input is read, so that a batch over the row ' +
    'limit is always a clean 413 and never a partial file.',
  tags: ['insights'],
  body: OffersSchema,
  bodyLimit: (config) => config.batchJsonLimit,
  bodyExample: {
    offers: [
      { level: 'mid', region: 'us', offer: { base: 90_000, bonus: 2_000 } },
      { base: 140_000, level: 'mid', region: 'us-ca-san-francisco', skills: 'dicom;hl7' },
      { level: 'mid', offer: { base: -5 } },
    ],
  },
  response: { schema: BulkBenchmarkSchema, description: 'One result per input row, in input order, and a summary' },
  problems: {
    413: 'The body is over its limit (BATCH_JSON_LIMIT for JSON, BATCH_CSV_LIMIT for CSV), or it holds more rows than BATCH_MAX_ROWS; the detail names the limit',
    415: 'The body is neither application/json nor text/csv (UTF-8, uncompressed)',
  },
  stream: {
    request: { mediaType: CSV, schema: CsvRequestSchema },
    response: { mediaType: CSV, schema: CsvResponseSchema },
    handler: async ({ body, req, res }, { dataset, config }) => {
      if (body !== undefined) {
        await answer(fromJson(dataset, body.offers, config.batchMaxRows), req, res);
        return;
      }
      const input = readCsvBody(req, res, toBytes(config.batchCsvLimit));
      try {
        await answer(await benchmarkOffersCsv(dataset, input.stream, { maxRows: config.batchMaxRows }), req, res);
      } catch (error) {
        // The client is gone: there is no one to answer.
        if (!req.complete && req.socket.destroyed) return;
        throw error;
      } finally {
        input.release();
      }
    },
  },
  handler: ({ body }, { dataset, config }) => {
    if (body.offers.length > config.batchMaxRows) throw new RowLimitError(config.batchMaxRows);
    return collect(benchmarkOffers(dataset, body.offers));
  },
});
