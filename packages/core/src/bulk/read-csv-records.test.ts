import { execFileSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunksOf, csvBytes } from './quick-path-cases.test-support.js';
import { isQuickOptions, QUICK_OPTIONS, readCsvRecords } from './read-csv-records.js';

// The same options written differently: not the quick path's, so csv-parse reads all of it.
const CSV_PARSE_ONLY = { ...QUICK_OPTIONS, delimiter: ',' };

async function recordsOf(chunks: readonly Buffer[], options: Readonly<Record<string, boolean | string>>): Promise<unknown[]> {
  const got: unknown[] = [];
  for await (const batch of readCsvRecords(Readable.from(chunks.map((c) => Buffer.from(c))), options)) got.push(...batch);
  return got;
}

describe('readCsvRecords', () => {
  it('takes the quick path with the offers options only', () => {
    expect(isQuickOptions(QUICK_OPTIONS)).toBe(true);
    expect(isQuickOptions({ ...QUICK_OPTIONS })).toBe(true);
    expect(isQuickOptions(CSV_PARSE_ONLY)).toBe(false);
    expect(isQuickOptions({ ...QUICK_OPTIONS, ltrim: false })).toBe(false);
    const { bom: _, ...withoutBom } = QUICK_OPTIONS;
    expect(isQuickOptions(withoutBom)).toBe(false);
  });

  it('gives the records csv-parse gives with the offers options, unreadable ones and their messages (line numbers) included, however the bytes are split', async () => {
    await fc.assert(
      fc.asyncProperty(csvBytes, fc.array(fc.nat(), { maxLength: 6 }), async (bytes, cuts) => {
        const chunks = chunksOf(bytes, cuts);
        expect(await recordsOf(chunks, QUICK_OPTIONS)).toEqual(await recordsOf(chunks, CSV_PARSE_ONLY));
      }),
      // PAYLENS_QUICK_PATH_RUNS=20000 for a longer search.
      { numRuns: Number(process.env.PAYLENS_QUICK_PATH_RUNS ?? 400) },
    );
  });

  it("gives csv-parse's records for plain lines, then for the lines after the first that is not plain", async () => {
    const plain = Array.from({ length: 2_000 }, (_, i) => `${i},p${i % 7},,q,`).join('\n');
    for (const tail of [
      '\n1,"a,b",c\n2,x\n',
      '\n3,\tpadded\n4,x\n',
      '\r\n5,x\r\n',
      '\n6,"unclosed\n7,x\n',
      '\n8,x"y\n9,"z"w\n',
      '\n,,\n\n10',
    ]) {
      const bytes = Buffer.from(`\uFEFFid,p,r,q\n${plain}${tail}`);
      const expected = await recordsOf([bytes], CSV_PARSE_ONLY);
      // csv-parse's sync API leaves unreadable records out.
      expect(expected.filter((r) => Array.isArray(r))).toEqual(parse(bytes, QUICK_OPTIONS));
      for (const size of [5, 999, 65_536]) {
        const chunks = chunksOf(
          bytes,
          Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => i * size),
        );
        expect(await recordsOf(chunks, QUICK_OPTIONS)).toEqual(expected);
      }
    }
  });

  it('hands over after more than 65,536 lines with their line numbers', async () => {
    const bytes = Buffer.from(`n\n${'1\n'.repeat(70_000)}\n2,"x`);
    const chunks = chunksOf(bytes, [65_536]);
    const records = await recordsOf(chunks, QUICK_OPTIONS);
    expect(records).toEqual(await recordsOf(chunks, CSV_PARSE_ONLY));
    expect(records.at(-1)).toEqual({ unreadable: expect.stringMatching(/^Quote Not Closed: .* at line 70003$/) });
  });

  it('reads a line longer than 1 MB as csv-parse does, and the lines after it', async () => {
    const long = 'x'.repeat(3_000_000);
    const bytes = Buffer.from(`a,b\n1,2\n${long},3\n4,"5\n`);
    const chunks = chunksOf(
      bytes,
      Array.from({ length: Math.ceil(bytes.length / 65_536) }, (_, i) => i * 65_536),
    );
    const records = await recordsOf(chunks, QUICK_OPTIONS);
    expect(records).toEqual(await recordsOf(chunks, CSV_PARSE_ONLY));
    expect(records.slice(0, 3)).toEqual([
      ['a', 'b'],
      ['1', '2'],
      [long, '3'],
    ]);
    expect(records[3]).toEqual({ unreadable: expect.stringMatching(/^Quote Not Closed: .* at line 4$/) });
  });

  it('passes an error of the input on', async () => {
    const input = new Readable({
      read() {
        this.push('base,level\n90000,mid\n');
        this.destroy(new Error('disk gone'));
      },
    });
    const failure = await (async () => {
      for await (const _ of readCsvRecords(input, QUICK_OPTIONS));
    })().catch((e: unknown) => e);
    expect((failure as Error).message).toBe('disk gone');
  });
});

describe('readCsvRecords in a hardened process', () => {
  it('reads where eval and new Function are refused (--disallow-code-generation-from-strings)', () => {
    const module = fileURLToPath(new URL('./read-csv-records.ts', import.meta.url));
    const script = [
      `import { readCsvRecords, QUICK_OPTIONS } from ${JSON.stringify(module)};`,
      "import { Readable } from 'node:stream';",
      'const got = [];',
      `for await (const batch of readCsvRecords(Readable.from([Buffer.from('a,b\\n1,"2"\\n')]), QUICK_OPTIONS)) got.push(...batch);`,
      'process.stdout.write(JSON.stringify(got));',
    ].join('\n');
    const out = execFileSync(
      process.execPath,
      ['--disallow-code-generation-from-strings', '--import', 'tsx', '--input-type=module', '-e', script],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(out)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
});
