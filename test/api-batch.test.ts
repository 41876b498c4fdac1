// POST /v1/offers/benchmark/batch: JSON or CSV in, JSON or CSV out, one result per row, limits as 413.
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from './support.js';

const URL = '/v1/offers/benchmark/batch';
const { app, logs } = testApp();

function expectProblem(res: request.Response, status: number) {
  expect(res.status, res.text).toBe(status);
  expect(res.type).toBe('application/problem+json');
  return res.body as { detail: string; errors?: { path: string; message: string }[] };
}

const postCsv = (target: Parameters<typeof request>[0], csv: string | Buffer, accept = 'application/json') =>
  request(target).post(URL).set('Content-Type', 'text/csv').set('Accept', accept).send(csv);

interface Result {
  row: number;
  ok: boolean;
  result?: { verdict: string; percentile: number };
  error?: { path: string; message: string };
}

/** N offers, every tenth one invalid in a different way; names with commas and quotes to exercise quoting. */
function offersCsv(n: number) {
  const lines = ['Name,Base,Bonus,Level,Years Experience,Region,Skills'];
  const invalid = new Set<number>();
  for (let row = 1; row <= n; row++) {
    const name = `"Doe, ""J${row}"""`;
    if (row % 10 === 3) {
      invalid.add(row);
      const bad = [`${name},lots,,mid,,us,`, `${name},90000,,mid,,us-xx,`, `${name},,,mid,,us,`, `${name},90000,,mid,,us,dicom;juggling`];
      lines.push(bad[((row / 10) % bad.length) | 0] ?? '');
    } else {
      lines.push(`${name},${60_000 + row * 1_000},1000,mid,,${row % 2 ? 'us' : 'us-ca-san-francisco'},"dicom;hl7"`);
    }
  }
  return { csv: `\uFEFF${lines.join('\r\n')}\r\n\r\n`, invalid };
}

describe('JSON in', () => {
  it('one result per offer, in order, nested or flat, with a summary by verdict', async () => {
    const offers = [
      { level: 'mid', region: 'us', offer: { base: 90_000 } },
      { level: 'mid', region: 'us', offer: { base: 60_000 } },
      { base: 140_000, level: 'mid', region: 'us' },
      { level: 'mid', offer: { base: -5 } },
      { base: 'lots', level: 'mid' },
      'not an offer',
      { level: 'mid', region: 'us-xx', offer: { base: 90_000 } },
    ];
    const res = await request(app).post(URL).send({ offers });
    expect(res.status, res.text).toBe(200);
    const results = res.body.results as Result[];
    expect(results.map((r) => r.row)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(results.slice(0, 3).map((r) => r.result?.verdict)).toEqual(['competitive', 'below-market', 'above-market']);
    expect(results[0]?.result?.percentile).toBeGreaterThanOrEqual(45);
    expect(results[0]?.result?.percentile).toBeLessThanOrEqual(55);
    expect(results.slice(3).map((r) => [r.ok, r.error?.path])).toEqual([
      [false, 'offer.base'],
      [false, 'base'],
      [false, ''],
      [false, 'region'],
    ]);
    expect(res.body.summary).toEqual({
      rows: 7,
      ok: 3,
      failed: 4,
      verdicts: { 'below-market': 1, competitive: 1, 'above-market': 1 },
      failedRows: [4, 5, 6, 7],
      failedRowsTruncated: false,
    });
  });

  it('a body that is not { offers: [...] } → 400 naming the field; an empty list is an empty answer', async () => {
    expect(expectProblem(await request(app).post(URL).send({ offer: [] }), 400).errors?.map((e) => e.path)).toEqual(
      expect.arrayContaining(['offers', 'offer']),
    );
    const empty = await request(app).post(URL).send({ offers: [] });
    expect(empty.body.summary.rows).toBe(0);
  });

  it('Accept: text/csv answers CSV with the offer columns and the result columns', async () => {
    const res = await request(app)
      .post(URL)
      .set('Accept', 'text/csv')
      .send({ offers: [{ level: 'mid', region: 'us', skills: ['dicom', 'hl7'], offer: { base: 90_000 } }, { base: 'x' }] });
    expect(res.status, res.text).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const [header, first, second] = parse(res.text) as string[][];
    expect(header?.slice(0, 9)).toEqual(['base', 'bonus', 'role', 'level', 'yearsExperience', 'region', 'education', 'skills', 'asOf']);
    const cell = (record: string[] | undefined, column: string) => record?.[header?.indexOf(column) ?? -1];
    expect([cell(first, 'base'), cell(first, 'skills'), cell(first, 'verdict')]).toEqual(['90000', 'dicom;hl7', 'competitive']);
    expect(cell(second, 'error')).toMatch(/^base: /);
  });
});

describe('CSV in', () => {
  it('N rows in → N results out, in order, ~10% invalid named by row and column (BOM, CRLF, quotes, blank line)', async () => {
    const n = 60;
    const { csv, invalid } = offersCsv(n);
    const res = await postCsv(app, csv);
    expect(res.status, res.text).toBe(200);
    const results = res.body.results as Result[];
    expect(results.map((r) => r.row)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(results.filter((r) => !r.ok).map((r) => r.row)).toEqual([...invalid]);
    expect(results.filter((r) => !r.ok).map((r) => r.error?.path)).toEqual(['base', 'region', 'base', 'skills', 'base', 'region']);
    expect(res.body.summary).toMatchObject({ rows: n, ok: n - invalid.size, failed: invalid.size, failedRows: [...invalid] });
  });

  it('round trip: CSV in, CSV out with the input columns repeated and the result columns added', async () => {
    const n = 30;
    const { csv, invalid } = offersCsv(n);
    const res = await postCsv(app, csv, 'text/csv');
    expect(res.status, res.text).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const [header, ...records] = parse(res.text) as string[][];
    expect(header?.slice(0, 8)).toEqual(['Name', 'Base', 'Bonus', 'Level', 'Years Experience', 'Region', 'Skills', 'percentile']);
    expect(header?.at(-1)).toBe('error');
    expect(records).toHaveLength(n);
    records.forEach((record, i) => {
      expect(record[0]).toBe(`Doe, "J${i + 1}"`);
      const error = record.at(-1) ?? '';
      expect(error !== '', `row ${i + 1}: ${error}`).toBe(invalid.has(i + 1));
    });
  });

  it('the sample offers.csv: 20 rows in, 20 lines out, 6 failed, as the CLI reports', async () => {
    const csv = await readFile(new globalThis.URL('../data/examples/offers.csv', import.meta.url));
    const json = await postCsv(app, csv);
    expect(json.body.summary).toMatchObject({ rows: 20, ok: 14, failed: 6 });
    const res = await postCsv(app, csv, 'text/csv');
    expect(parse(res.text)).toHaveLength(21);
  });

  it('a CSV without the base column → 400 listing the expected columns', async () => {
    const body = expectProblem(await postCsv(app, 'name,salary,level\nAna,90000,mid\n'), 400);
    expect(body.errors?.[0]).toEqual({ path: 'base', message: "Missing required column 'base'" });
    expect(body.detail).toContain('expected columns: base (required), bonus, role, level, yearsExperience, region, education, skills');
    expect(body.detail).toContain('found: name, salary, level');
    expectProblem(await postCsv(app, ''), 400);
  });

  it('the JSON body limit (BODY_LIMIT) does not apply to batches', async () => {
    const small = testApp({ config: { bodyLimit: '1kb' } }).app;
    const { csv } = offersCsv(100);
    expect(csv.length).toBeGreaterThan(4096);
    const res = await postCsv(small, csv);
    expect(res.status, res.text).toBe(200);
    expect(res.body.results).toHaveLength(100);
    // Nor to a JSON batch, which has its own limit (BATCH_JSON_LIMIT).
    const json = await request(small)
      .post(URL)
      .send({ offers: Array.from({ length: 100 }, () => ({ base: 90_000 })) });
    expect(json.status, json.text).toBe(200);
  });
});

describe('limits and media types', () => {
  const limited = testApp({ config: { batchMaxRows: 5, batchCsvLimit: '2kb', batchJsonLimit: '1kb' } }).app;

  it('more rows than BATCH_MAX_ROWS → 413 naming the limit, for JSON and CSV, whatever the answer type', async () => {
    const offers = Array.from({ length: 6 }, () => ({ base: 90_000 }));
    expect(expectProblem(await request(limited).post(URL).send({ offers }), 413).detail).toMatch(/at most 5 rows/);
    expect(expectProblem(await request(limited).post(URL).set('Accept', 'text/csv').send({ offers }), 413).detail).toMatch(
      /at most 5 rows/,
    );
    const { csv } = offersCsv(6);
    expect(expectProblem(await postCsv(limited, csv), 413).detail).toMatch(/at most 5 rows/);
    expect(expectProblem(await postCsv(limited, csv, 'text/csv'), 413).detail).toMatch(/at most 5 rows/);
    const ok = await postCsv(limited, offersCsv(5).csv, 'text/csv');
    expect(ok.status, ok.text).toBe(200);
    expect(parse(ok.text)).toHaveLength(6);
  });

  it('a CSV over BATCH_CSV_LIMIT → 413 naming the limit, declared or streamed; a JSON batch over BATCH_JSON_LIMIT → 413', async () => {
    const big = `base\n${'90000\n'.repeat(400)}`;
    expect(expectProblem(await postCsv(limited, big), 413).detail).toContain('limit: 2,048 bytes');
    const unlimitedRows = testApp({ config: { batchCsvLimit: '2kb' } }).app;
    // Chunked, without Content-Length: the limit is found while reading.
    const chunked = await new Promise<request.Response>((resolve, reject) => {
      const req = request(unlimitedRows).post(URL).set('Content-Type', 'text/csv').set('Transfer-Encoding', 'chunked');
      req.write('base\n');
      for (let i = 0; i < 10; i++) req.write('90000\n'.repeat(50));
      req.end((error, res) => (error ? reject(error) : resolve(res)));
    });
    expect(expectProblem(chunked, 413).detail).toContain('limit: 2,048 bytes');
    const json = await request(limited)
      .post(URL)
      .send({
        offers: Array.from({ length: 5 }, () => ({ level: 'mid', region: 'us-ca-san-francisco', offer: { base: 90_000, bonus: 5_000 } })),
      });
    expect(json.status).toBe(200);
    const tooBig = { offers: [{ base: 90_000, note: 'x'.repeat(2_000) }] };
    expect(expectProblem(await request(limited).post(URL).send(tooBig), 413).detail).toContain('limit: 1,024 bytes');
  });

  it('neither JSON nor CSV → 415 naming both; a CSV in another charset → 415', async () => {
    const body = expectProblem(await request(app).post(URL).set('Content-Type', 'text/plain').send('base\n1\n'), 415);
    expect(body.detail).toContain('application/json or text/csv');
    expectProblem(await request(app).post(URL).set('Content-Type', 'text/csv; charset=latin1').send('base\n1\n'), 415);
  });
});

describe('a client that goes away mid-upload', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer(app).listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('leaves the server healthy and logs no error', async () => {
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    const half = `base,level\r\n${'90000,mid\r\n'.repeat(200)}`;
    socket.write(`POST ${URL} HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/csv\r\nContent-Length: ${half.length * 2}\r\n\r\n${half}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
    await once(socket, 'close');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const health = await request(`http://127.0.0.1:${port}`).get('/healthz');
    expect(health.status).toBe(200);
    const after = await postCsv(`http://127.0.0.1:${port}`, 'base,level\n90000,mid\n');
    expect(after.body.results).toHaveLength(1);
    expect(logs.filter((line) => line.includes('"level":50'))).toEqual([]);
  });
});
