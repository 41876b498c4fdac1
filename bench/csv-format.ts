// The CSV answer's formatter: d3-dsv's csvFormatRows (what streamBulkCsv uses) against
// csv-stringify's sync API (what it used before), on the same rows, in one process, alternating.
//   node --import tsx bench/csv-format.ts [--rows=250000] [--rounds=5]
// Rows: 21 cells each, like a bulk answer (input columns, then the result figures and words);
// one in fifty cells needs quoting. Prints µs per row for each (medians) and the ratio.
import { stringify } from 'csv-stringify/sync';
import { csvFormatRows } from 'd3-dsv';
import { createRandom } from './lib/profiles.js';

const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const count = Number(option('rows') ?? 250_000);
const rounds = Number(option('rounds') ?? 5);
const BATCH = 256;

const random = createRandom(11);
const words = ['mid', 'us-ca-san-francisco', 'dicom;hl7', 'competitive', 'below-market', '', 'pacs-administrator', 'bachelors'];
const rows: string[][] = Array.from({ length: count }, () =>
  Array.from({ length: 21 }, (_, i) => {
    if (random() < 0.02) return 'says "hi", then\nleaves';
    return i % 3 === 0 ? String(Math.round(random() * 200_000)) : (words[Math.floor(random() * words.length)] as string);
  }),
);
if (`${csvFormatRows(rows.slice(0, 1000))}\n` !== stringify(rows.slice(0, 1000))) throw new Error('the two formatters disagree');

/** µs per row, formatting `BATCH` rows at a time as streamBulkCsv does. */
function time(format: (batch: string[][]) => string): number {
  let length = 0;
  const start = performance.now();
  for (let i = 0; i < rows.length; i += BATCH) length += format(rows.slice(i, i + BATCH)).length;
  if (length === 0) throw new Error('nothing formatted');
  return ((performance.now() - start) * 1000) / rows.length;
}
const d3 = (batch: string[][]) => `${csvFormatRows(batch)}\n`;
const csvStringify = (batch: string[][]) => stringify(batch);
time(d3);
time(csvStringify);
const results = { d3: [] as number[], csvStringify: [] as number[] };
for (let r = 0; r < rounds; r++) {
  if (r % 2 === 0) {
    results.d3.push(time(d3));
    results.csvStringify.push(time(csvStringify));
  } else {
    results.csvStringify.push(time(csvStringify));
    results.d3.push(time(d3));
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const a = median(results.d3);
const b = median(results.csvStringify);
console.log(`d3-dsv csvFormatRows: ${a.toFixed(2)} µs/row; csv-stringify (sync): ${b.toFixed(2)} µs/row; ratio ${(b / a).toFixed(2)}`);
