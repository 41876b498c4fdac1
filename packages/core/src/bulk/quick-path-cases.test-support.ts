// Inputs for the record reader's quick path tests (read-csv-records.test.ts, parse-csv-in-worker.test.ts).
import fc from 'fast-check';

/** `bytes` cut at the given positions (taken modulo its length + 1): the chunks of a stream. */
export function chunksOf(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const to of [...at, bytes.length]) {
    if (to > from) chunks.push(bytes.subarray(from, to));
    from = Math.max(from, to);
  }
  return chunks;
}

// Mostly plain cells, sometimes what csv-parse reads otherwise: quotes, spaces and other
// characters ltrim removes at a cell's start, CR, BOMs, bytes that are not UTF-8.
const cell = fc.oneof(
  {
    weight: 60,
    // Spaces inside a cell, not at its start.
    arbitrary: fc.string({ unit: fc.constantFrom('a', 'Z', '9', ';', '-', 'é', '€', ' ', '\t') }).map((c) => c.replace(/^[ \t]/, 'a')),
  },
  {
    weight: 1,
    arbitrary: fc.string({
      unit: fc.constantFrom('a', ' ', '\t', '"', '\r', '\u00A0', '\uFEFF', '\u2028', '\u3000', '\v', '\f', '\uFFFD', '\n'),
    }),
  },
);
const line = fc.array(cell, { maxLength: 5 }).map((cells) => cells.join(','));
const lineEnd = fc.oneof({ weight: 60, arbitrary: fc.constant('\n') }, { weight: 1, arbitrary: fc.constantFrom('\r\n', '\r', '\n\n') });
/** CSV bytes: mostly plain lines, sometimes what csv-parse reads otherwise. */
export const csvBytes = fc
  .tuple(
    fc.oneof(
      { weight: 6, arbitrary: fc.constant(Buffer.alloc(0)) },
      { weight: 1, arbitrary: fc.constantFrom(Buffer.from('\uFEFF'), Buffer.from([0xff, 0xfe]), Buffer.from([0xef, 0xbb])) },
    ),
    fc.array(fc.tuple(line, lineEnd), { maxLength: 30 }),
    fc.boolean(),
    fc.oneof(
      { weight: 8, arbitrary: fc.constant(Buffer.alloc(0)) },
      { weight: 1, arbitrary: fc.constantFrom(Buffer.from([0xc3]), Buffer.from([0xff])) },
    ),
    fc.nat(60),
  )
  .map(([start, lines, lastEnded, stray, strayAt]) => {
    const text = lines.map(([l, end], i) => (i < lines.length - 1 || lastEnded ? l + end : l)).join('');
    const bytes = Buffer.from(text);
    const at = Math.min(strayAt * 7, bytes.length);
    return Buffer.concat([start, bytes.subarray(0, at), stray, bytes.subarray(at)]);
  });
