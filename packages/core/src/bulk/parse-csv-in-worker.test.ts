import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getDefaultDataset } from '../default-dataset.js';
import { isCsvHeaderError } from '../errors/index.js';
import { type BenchmarkOffersCsvOptions, type BulkCsvResult, benchmarkOffersCsv, type CsvInput } from './benchmark-offers-csv.js';
import { numberProfilesInWorker, parseCsvInWorker, profileIdsOf } from './parse-csv-in-worker.js';
import { chunksOf, csvBytes } from './quick-path-cases.test-support.js';
import { QUICK_OPTIONS } from './read-csv-records.js';
import { streamBulkCsv } from './stream-bulk-csv.js';

const ds = getDefaultDataset();
const IN_WORKER: BenchmarkOffersCsvOptions = { parseInWorker: true };

async function run(input: () => CsvInput, options: BenchmarkOffersCsvOptions = {}): Promise<BulkCsvResult[]> {
  const bulk = await benchmarkOffersCsv(ds, input(), options);
  const out: BulkCsvResult[] = [];
  for await (const r of bulk.results) out.push(r);
  return out;
}

const CASES: Record<string, string> = {
  'quoted fields, CRLF, a BOM, blank lines and a trailing comma':
    '\uFEFFname,base,level,notes,\r\n"Doe, Jane","90,000",mid,"said ""yes""\r\non the phone",\r\n\r\n\r\nRoe,60000,mid,,\r\n',
  'rows of empty cells': 'base,level\n90000,mid\n,\n , \n60000,mid\n,,\n',
  'an unreadable record, then more rows': 'base,level\n90000,mid\n70000,"mid\n',
  'bad cells and a quoted field followed by spaces': 'base,level,yearsExperience\nabc,mid,\n90000,"mid" ,x\n80000,senior,3\n',
  'many rows': `base,level,region,skills\n${Array.from({ length: 5_000 }, (_, i) => `${60_000 + (i % 70) * 1_000},${i % 2 ? 'mid' : 'senior'},us,dicom;hl7`).join('\n')}\n`,
};

describe('benchmarkOffersCsv with parseInWorker', () => {
  for (const [name, csv] of Object.entries(CASES)) {
    it(`gives the same results and the same CSV answer as parsing in this thread: ${name}`, async () => {
      expect(await run(() => csv, IN_WORKER)).toEqual(await run(() => csv));
      const inWorker = await text(streamBulkCsv(await benchmarkOffersCsv(ds, csv, IN_WORKER)));
      expect(inWorker).toBe(await text(streamBulkCsv(await benchmarkOffersCsv(ds, csv))));
    });
  }

  it('gives the same results and CSV answer when the worker numbers the profiles, also when it starts numbering again', async () => {
    // Many small chunks: the batches after the header's have the worker's profile ids.
    const rows = Array.from({ length: 600 }, (_, i) =>
      i % 97 === 5
        ? `"Roe, ""Al""",${i},70000,"mid\nx`
        : i % 31 === 3
          ? `Doe,${i}`
          : `"Doe, Jane ${i}",${i},${i % 53 === 7 ? 'n/a' : 60_000 + i * 100},${['mid', 'senior', ' mid', 'lead', ''][i % 5]},${['', 'us', 'atlantis', 'us-wa'][i % 4]},${i % 7},below-market`,
    );
    const csv = `name,id,base,level,region,yearsExperience,verdict\n${rows.join('\n')}\n`;
    const chunks = () => Readable.from(csv.match(/[\s\S]{1,50}/g) as string[], { objectMode: false });
    for (const cacheSize of [2048, 7, 1]) {
      const options = { cacheSize };
      expect(await run(chunks, { ...IN_WORKER, ...options })).toEqual(await run(chunks, options));
      const inWorker = await text(streamBulkCsv(await benchmarkOffersCsv(ds, chunks(), { ...IN_WORKER, ...options })));
      expect(inWorker).toBe(await text(streamBulkCsv(await benchmarkOffersCsv(ds, chunks(), options))));
      expect(inWorker).toBe(await text(streamBulkCsv(await benchmarkOffersCsv(ds, csv))));
    }
  });

  it('reads byte streams split anywhere', async () => {
    const bytes = Buffer.from(CASES['quoted fields, CRLF, a BOM, blank lines and a trailing comma'] as string);
    const chunks = () => Readable.from(Array.from(bytes, (b) => Buffer.from([b])));
    expect(await run(chunks, IN_WORKER)).toEqual(await run(chunks));
  });

  it('throws a CsvHeaderError before any row when base is missing, or the input is empty', async () => {
    expect(isCsvHeaderError(await benchmarkOffersCsv(ds, 'salary,level\n90000,mid\n', IN_WORKER).catch((e: unknown) => e))).toBe(true);
    expect(isCsvHeaderError(await benchmarkOffersCsv(ds, '', IN_WORKER).catch((e: unknown) => e))).toBe(true);
  });

  it('reads the input only a few chunks ahead of the results consumed, and stops when they are closed', async () => {
    let generated = 0;
    function* source() {
      yield 'base,level\n';
      for (let i = 0; i < 200_000; i++) {
        generated++;
        yield '90000,mid\n';
      }
    }
    const input = Readable.from(source(), { objectMode: false });
    const bulk = await benchmarkOffersCsv(ds, input, IN_WORKER);
    let consumed = 0;
    for await (const _ of bulk.results) {
      consumed++;
      if (consumed === 20_000) break;
    }
    expect(generated).toBeLessThan(40_000);
    expect(input.destroyed).toBe(true);
  });

  it('passes an error of the input on', async () => {
    const input = new Readable({
      read() {
        this.push('base,level\n90000,mid\n');
        this.destroy(new Error('disk gone'));
      },
    });
    const bulk = await benchmarkOffersCsv(ds, input, IN_WORKER).catch((e: unknown) => e);
    const failure =
      bulk instanceof Error
        ? bulk
        : await (async () => {
            for await (const _ of (bulk as Awaited<ReturnType<typeof benchmarkOffersCsv>>).results);
          })().catch((e: unknown) => e);
    expect((failure as Error).message).toBe('disk gone');
  });
});

describe('numberProfilesInWorker', () => {
  it("gives later batches each record's profile id: equal profile cells, equal ids; ~id where numbered afresh", async () => {
    const profiles = ['a', 'b', 'a ', 'c'];
    const csv = `x,p,q\n${Array.from({ length: 400 }, (_, i) => (i === 150 ? '"x,1' : `${i},${profiles[i % 4]},${i % 3}`)).join('\n')}\n`;
    for (const limit of [100, 5]) {
      const records = parseCsvInWorker(Readable.from(csv.match(/[\s\S]{1,40}/g) as string[], { objectMode: false }), {
        relax_column_count: true,
        skip_records_with_error: true,
      });
      let first = true;
      let withIds = 0;
      // The profile (cells p, q and a missing one) each id was last given to.
      const named: string[] = [];
      for await (const batch of records) {
        const ids = profileIdsOf(batch);
        if (first) {
          first = false;
          expect(ids).toBeUndefined();
          numberProfilesInWorker(records, { columns: [1, -1, 2], limit });
          continue;
        }
        if (ids === undefined) continue;
        withIds++;
        batch.forEach((record, k) => {
          if (!Array.isArray(record)) return;
          const profile = JSON.stringify([record[1], record[2]]);
          const id = ids[k] as number;
          if (id < 0) {
            expect(~id).toBeLessThan(limit);
            named[~id] = profile;
          } else {
            expect(named[id]).toBe(profile);
          }
        });
      }
      expect(withIds).toBeGreaterThan(10);
      expect(named.length).toBe(limit === 100 ? 12 : 5);
    }
  });
});

describe('parseCsvInWorker', () => {
  it('gives csv-parse records in input order, an unreadable record in its place', async () => {
    const batches: unknown[] = [];
    for await (const batch of parseCsvInWorker(Readable.from(['a,b\n1,2\n3,"4\n']), {
      relax_column_count: true,
      skip_records_with_error: true,
    }))
      batches.push(...batch);
    expect(batches).toEqual([['a', 'b'], ['1', '2'], { unreadable: expect.stringMatching(/Quote Not Closed/) }]);
  });

  it("gives the same records when it numbers the profiles and sends a numbered profile's cells only once", async () => {
    // Short rows, rows longer than the header, quoted and padded profile cells, unreadable records.
    const rows = Array.from({ length: 500 }, (_, i) =>
      i % 89 === 4
        ? `${i},"a,b`
        : i % 23 === 2
          ? `${i}`
          : i % 29 === 5
            ? `${i},"p ""${i % 3}""", q${i % 2},extra,${i}`
            : `${i},${['p1', '"p,2"', ' p1', ''][i % 4]},${i % 3 ? 'q' : ''}`,
    );
    const csv = `x,p,q\n${rows.join('\n')}\n`;
    const options = { relax_column_count: true, relax_quotes: true, skip_records_with_error: true };
    const expected = parse(csv, options);
    for (const limit of [100, 3, 1]) {
      const records = parseCsvInWorker(Readable.from(csv.match(/[\s\S]{1,30}/g) as string[], { objectMode: false }), options);
      const got: unknown[] = [];
      let numbered = 0;
      for await (const batch of records) {
        if (got.length === 0) numberProfilesInWorker(records, { columns: [1, -1, 2], limit });
        if (profileIdsOf(batch) !== undefined) numbered++;
        got.push(...batch.filter((record) => Array.isArray(record)));
      }
      expect(numbered).toBeGreaterThan(10);
      expect(got).toEqual(expected);
    }
  });
});

describe('parseCsvInWorker with the offers options (the quick path)', () => {
  // The same options written differently: not the quick path's, so csv-parse reads all of it.
  const CSV_PARSE_ONLY = { ...QUICK_OPTIONS, delimiter: ',' };
  const recordsOf = async (chunks: readonly Buffer[], options: Readonly<Record<string, boolean | string>>, profile?: number[]) => {
    const records = parseCsvInWorker(Readable.from(chunks.map((c) => Buffer.from(c))), options);
    const got: unknown[] = [];
    for await (const batch of records) {
      if (profile !== undefined && got.length === 0) numberProfilesInWorker(records, { columns: profile, limit: 4 });
      got.push(...batch);
    }
    return got;
  };

  it('gives the records csv-parse gives, unreadable ones and their messages (line numbers) included, however the bytes are split', async () => {
    await fc.assert(
      fc.asyncProperty(csvBytes, fc.array(fc.nat(), { maxLength: 6 }), async (bytes, cuts) => {
        const chunks = chunksOf(bytes, cuts);
        expect(await recordsOf(chunks, QUICK_OPTIONS)).toEqual(await recordsOf(chunks, CSV_PARSE_ONLY));
      }),
      // PAYLENS_QUICK_PATH_RUNS=2000 for a longer search.
      { numRuns: Number(process.env.PAYLENS_QUICK_PATH_RUNS ?? 30) },
    );
  });

  it('hands over to csv-parse where plain lines end, with the line numbers of the whole input', async () => {
    const plain = Array.from({ length: 3_000 }, (_, i) => `${i},p${i % 7},,q`).join('\n');
    for (const tail of ['\n1,"a,b",c\n2,x\n', '\n3, padded\n4,x\n', '\r\n5,x\r\n', '\n6,"unclosed\n7,x\n', '\n8,x"y\n9,"z"w\n']) {
      const bytes = Buffer.from(`\uFEFFid,p,r,q\n${plain}${tail}`);
      for (const size of [97, 65_536]) {
        const chunks = chunksOf(
          bytes,
          Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => i * size),
        );
        const quick = await recordsOf(chunks, QUICK_OPTIONS, [1, 3]);
        expect(quick).toEqual(await recordsOf(chunks, CSV_PARSE_ONLY, [1, 3]));
        // The plain lines before the last (which a CR after it would end differently).
        expect(quick.slice(0, 3_000)).toEqual(parse(bytes.subarray(0, bytes.indexOf(tail)), QUICK_OPTIONS).slice(0, 3_000));
        if (tail.includes('unclosed'))
          expect(quick[3_001]).toEqual({ unreadable: expect.stringMatching(/^Quote Not Closed: .* at line 3003$/) });
      }
    }
  });
});
