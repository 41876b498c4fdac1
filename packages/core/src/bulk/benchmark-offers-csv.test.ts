import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { getDefaultDataset } from '../default-dataset.js';
import { isCsvHeaderError } from '../errors/index.js';
import { type BulkCsvResult, benchmarkOffersCsv, type CsvInput } from './benchmark-offers-csv.js';
import { RESULT_COLUMNS } from './offer-columns.js';
import { streamBulkCsv } from './stream-bulk-csv.js';

const ds = getDefaultDataset();

async function run(input: CsvInput): Promise<BulkCsvResult[]> {
  const bulk = await benchmarkOffersCsv(ds, input);
  const out: BulkCsvResult[] = [];
  for await (const r of bulk.results) out.push(r);
  return out;
}
const summary = (results: BulkCsvResult[]) => results.map((r) => (r.ok ? `${r.row}:${r.result.verdict}` : `${r.row}:${r.error.path}`));

describe('benchmarkOffersCsv', () => {
  it('N rows in, N rows out, 10% invalid rows reported by row and column', async () => {
    const n = 3_000;
    const lines = ['employee,base,level,region,skills'];
    for (let i = 1; i <= n; i++) {
      lines.push(
        i % 10 === 3 ? `e${i},not-a-number,mid,us,` : `e${i},${70_000 + (i % 40) * 1_000},${i % 2 ? 'mid' : 'senior'},us,dicom;hl7`,
      );
    }
    const results = await run(`${lines.join('\n')}\n`);
    expect(results).toHaveLength(n);
    expect(results.map((r) => r.row)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    const failed = results.filter((r) => !r.ok);
    expect(failed.map((r) => r.row)).toEqual(Array.from({ length: n / 10 }, (_, k) => 10 * k + 3));
    expect(failed.every((r) => !r.ok && r.error.path === 'base')).toBe(true);
    expect(results[0]?.cells[0]).toBe('e1');
  });

  it('matches header variants ignoring case and spaces', async () => {
    const csv = 'BASE,Years Experience,Region,SKILLS,Education\n95000,6,us-ca-san-francisco,DICOM; HL7,bachelors\n';
    const [r] = await run(csv);
    if (!r?.ok) throw new Error(JSON.stringify(r));
    expect(r.result.market.region).toBe('us-ca-san-francisco');
    expect(r.result.market.levelBasis).toBe('inferred');
  });

  it('reads quoted fields, CRLF, a BOM, blank lines and a trailing comma', async () => {
    const csv = '\uFEFFname,base,level,notes,\r\n"Doe, Jane","90,000",mid,"said ""yes""\r\non the phone",\r\n\r\n\r\nRoe,60000,mid,,\r\n';
    const bulk = await benchmarkOffersCsv(ds, csv);
    expect(bulk.outputHeader).toEqual(['name', 'base', 'level', 'notes', '', ...RESULT_COLUMNS]);
    const results: BulkCsvResult[] = [];
    for await (const r of bulk.results) results.push(r);
    expect(summary(results)).toEqual(['1:competitive', '2:below-market']);
    expect(results[0]?.cells).toEqual(['Doe, Jane', '90,000', 'mid', 'said "yes"\r\non the phone', '']);
  });

  it('skips rows of empty cells, as spreadsheets export them', async () => {
    expect(summary(await run('base,level\n90000,mid\n,\n , \n60000,mid\n,,\n'))).toEqual(['1:competitive', '2:below-market']);
  });

  it('takes a trailing comma on data rows without one on the header', async () => {
    expect(summary(await run('base,level\n90000,mid,\n60000,mid,\n'))).toEqual(['1:competitive', '2:below-market']);
  });

  it('reports a record the parser cannot read as an error row and goes on', async () => {
    const results = await run('base,level\n90000,mid\n70000,"mid\n');
    expect(summary(results)).toEqual(['1:competitive', '2:']);
    expect(results[1]?.ok === false && results[1].error.message).toMatch(/unreadable CSV record: Quote Not Closed/);
  });

  it('throws a CsvHeaderError before any row when base is missing, or the input is empty', async () => {
    const error = await benchmarkOffersCsv(ds, 'salary,level\n90000,mid\n').catch((e: unknown) => e);
    expect(isCsvHeaderError(error)).toBe(true);
    expect((error as Error).message).toMatch(/Missing required column 'base'; expected columns: base \(required\), bonus, role, level/);
    expect(isCsvHeaderError(await benchmarkOffersCsv(ds, '').catch((e: unknown) => e))).toBe(true);
    expect(isCsvHeaderError(await benchmarkOffersCsv(ds, '\r\n\r\n').catch((e: unknown) => e))).toBe(true);
  });

  it('a header-only file gives no rows and still a header', async () => {
    const bulk = await benchmarkOffersCsv(ds, 'base,level\n');
    expect(await text(streamBulkCsv(bulk))).toBe(`base,level,${RESULT_COLUMNS.join(',')}\n`);
  });

  it('reads byte streams split anywhere', async () => {
    const bytes = Buffer.from('\uFEFFbase,level\r\n90000,mid\r\n60000,mid\r\n');
    const chunks = Array.from(bytes, (b) => Buffer.from([b]));
    expect(summary(await run(Readable.from(chunks)))).toEqual(['1:competitive', '2:below-market']);
  });

  it('keeps memory bounded: rows are read only as far as results are consumed', async () => {
    let generated = 0;
    function* source() {
      yield 'base,level\n';
      for (let i = 0; i < 200_000; i++) {
        generated++;
        yield '90000,mid\n';
      }
    }
    const bulk = await benchmarkOffersCsv(ds, Readable.from(source(), { objectMode: false }));
    let consumed = 0;
    let maxAhead = 0;
    for await (const _ of bulk.results) {
      consumed++;
      maxAhead = Math.max(maxAhead, generated - consumed);
      if (consumed === 20_000) break;
    }
    // Stream buffers hold a few thousand short rows at most, whatever the file size.
    expect(maxAhead).toBeLessThan(10_000);
    expect(generated).toBeLessThan(40_000);
  });

  it('streams a CSV answer that round-trips: input columns, then result columns', async () => {
    const csv = 'Employee,Base,Level,team\nAna,90000,mid,PACS\nBo,abc,mid,RIS\n';
    const out = await text(streamBulkCsv(await benchmarkOffersCsv(ds, csv)));
    const rows = parse(out, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ Employee: 'Ana', Base: '90000', team: 'PACS', verdict: 'competitive', percentile: '50', error: '' });
    expect(rows[1]).toMatchObject({ Employee: 'Bo', verdict: '', error: "base: expected a number, got 'abc'" });
  });

  it('replaces stale result columns when an answer is fed back in', async () => {
    const first = await text(streamBulkCsv(await benchmarkOffersCsv(ds, 'base,level\n60000,mid\n')));
    const second = await text(streamBulkCsv(await benchmarkOffersCsv(ds, first.replace('60000', '90000'))));
    const [header, row] = second.trim().split('\n');
    expect(header).toBe(`base,level,${RESULT_COLUMNS.join(',')}`);
    expect(row).toContain('competitive');
  });
});
