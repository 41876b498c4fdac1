// One bulk run in a process of its own, so its peak RSS is its own. Prints one JSON line:
// { ms, cpuMs, rows, peakRssMb } (cpuMs: the process's user + system time, every thread).
//   parse <file>              csv-parse alone reading the file (the baseline)
//   benchmark <file> <out>    the streaming bulk benchmark, CSV in → CSV out (as `paylens benchmark in.csv -o out.csv`:
//                             the file parsed on a worker thread)
//   benchmark-one-thread <file> <out>   the same with the parser in the same thread (one core)
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { getDefaultDataset } from '@paylens/core';
import { benchmarkOffersCsv, streamBulkCsv } from '@paylens/core/node';
import { parse } from 'csv-parse';

const [mode, file, out] = process.argv.slice(2);
if (!file || (mode !== 'parse' && mode !== 'benchmark' && mode !== 'benchmark-one-thread') || (mode !== 'parse' && !out)) {
  throw new Error('usage: bulk-child.ts parse <file> | benchmark <file> <out> | benchmark-one-thread <file> <out>');
}

const started = performance.now();
const cpuStarted = process.cpuUsage();
let rows = 0;
if (mode === 'parse') {
  for await (const _record of createReadStream(file).pipe(parse())) rows++;
  rows--; // the header
} else {
  const bulk = await benchmarkOffersCsv(getDefaultDataset(), createReadStream(file), { parseInWorker: mode === 'benchmark' });
  await pipeline(
    streamBulkCsv(bulk, {
      onResult: () => {
        rows++;
      },
    }),
    createWriteStream(out as string),
  );
}
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuStarted);
const cpuMs = (cpu.user + cpu.system) / 1000;
process.stdout.write(`${JSON.stringify({ ms, cpuMs, rows, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
