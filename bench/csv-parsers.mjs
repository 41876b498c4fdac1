// CSV parsers reading the same file, each in a process of its own, alternating: csv-parse with its
// defaults (the bulk section's baseline), csv-parse with the offers' options (the bulk input's),
// d3-dsv's csvParseRows over whole lines (the parser's worker's quick path), and, when a folder
// holding them is given, papaparse and uDSV over whole lines (candidates looked at in bulk round 5;
// not dependencies: `npm i papaparse@5.7.1 udsv@0.7.3` in a scratch folder). Prints the CPU ms
// (process.cpuUsage) and the records and cells read, per run and the medians. Run with tsx, which
// lets it take the offers' options from the core itself (QUICK_OPTIONS) rather than a copy.
//   node --import tsx bench/csv-parsers.mjs <file> [--rounds=3] [--others=<folder with node_modules>]
import { execFileSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { QUICK_OPTIONS as OFFER_OPTIONS } from '../packages/core/src/bulk/read-csv-records.ts';

const [file, ...rest] = process.argv.slice(2);
if (!file) throw new Error('usage: node --import tsx bench/csv-parsers.mjs <file> [--rounds=3] [--others=<folder>]');

if (rest[0] === '--child') {
  const [, name, others] = rest;
  const requireHere = createRequire(import.meta.url);
  const requireOther = others ? createRequire(join(others, 'index.js')) : undefined;
  const { parse } = await import(pathToFileURL(requireHere.resolve('csv-parse')).href);
  const { csvParseRows } = await import(pathToFileURL(requireHere.resolve('d3-dsv')).href);
  let records = 0;
  let cells = 0;
  const count = (record) => {
    records++;
    cells += record.length;
  };
  // Whole lines of each chunk to `parseLines`, as the worker's quick path reads them.
  const byLines = async (parseLines) => {
    let rest = '';
    const decoder = new TextDecoder();
    for await (const chunk of createReadStream(file)) {
      const text = rest + decoder.decode(chunk, { stream: true });
      const end = text.lastIndexOf('\n') + 1;
      rest = text.slice(end);
      for (const record of parseLines(text.slice(0, end))) count(record);
    }
    for (const record of parseLines(rest)) count(record);
  };
  const started = process.cpuUsage();
  if (name === 'csv-parse') for await (const record of createReadStream(file).pipe(parse())) count(record);
  else if (name === 'csv-parse-offers') for await (const record of createReadStream(file).pipe(parse(OFFER_OPTIONS))) count(record);
  else if (name === 'd3-dsv') await byLines(csvParseRows);
  else if (name === 'papaparse') {
    const Papa = requireOther('papaparse');
    await byLines((text) => Papa.parse(text, { skipEmptyLines: true }).data);
  } else if (name === 'udsv') {
    const { inferSchema, initParser } = requireOther('udsv');
    // uDSV takes the first line as a header: give it one, and leave it out.
    let header;
    await byLines((text) => {
      if (text === '') return [];
      header ??= text.slice(0, text.indexOf('\n') + 1);
      const input = text.startsWith(header) && records === 0 ? text : header + text;
      const parser = initParser(inferSchema(input, { col: ',', row: '\n', encl: '"' }));
      const rows = parser.stringArrs(input);
      return records === 0 ? [header.slice(0, -1).split(','), ...rows] : rows;
    });
  }
  const used = process.cpuUsage(started);
  console.log(JSON.stringify({ name, cpuMs: (used.user + used.system) / 1000, records, cells }));
} else {
  const rounds = Number(rest.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 3);
  const others = rest.find((a) => a.startsWith('--others='))?.slice(9);
  const names = ['csv-parse', 'csv-parse-offers', 'd3-dsv', ...(others ? ['papaparse', 'udsv'] : [])];
  const runs = new Map(names.map((n) => [n, []]));
  for (let round = 0; round < rounds; round++) {
    for (const name of round % 2 ? [...names].reverse() : names) {
      const out = execFileSync(
        process.execPath,
        [...process.execArgv, fileURLToPath(import.meta.url), file, '--child', name, others ?? ''],
        {
          encoding: 'utf8',
        },
      );
      const result = JSON.parse(out);
      runs.get(name).push(result);
      console.log(`round ${round + 1} ${name}: ${Math.round(result.cpuMs)} ms CPU, ${result.records} records, ${result.cells} cells`);
    }
  }
  const median = (v) => [...v].sort((a, b) => a - b)[v.length >> 1];
  for (const [name, list] of runs) console.log(`${name}: median ${Math.round(median(list.map((r) => r.cpuMs)))} ms CPU`);
}
