// One bulk run in a process of its own, so its peak RSS is its own. Prints one JSON line:
// { ms, cpuMs, mainThreadCpuMs, rows, peakRssMb } (cpuMs: the process's user + system time, every
// thread; mainThreadCpuMs: the main thread's alone, from /proc, null where there is no /proc).
//   parse <file>              csv-parse alone reading the file (the baseline)
//   benchmark <file> <out>    the streaming bulk benchmark, CSV in → CSV out (as `paylens benchmark in.csv -o out.csv`:
//                             the file parsed on a worker thread)
//   benchmark-one-thread <file> <out>   the same with the parser in the same thread (one core)
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { getDefaultDataset } from '@paylens/core';
import { benchmarkOffersCsv, streamBulkCsv } from '@paylens/core/node';
import { parse } from 'csv-parse';

const [mode, file, out] = process.argv.slice(2);
if (!file || (mode !== 'parse' && mode !== 'benchmark' && mode !== 'benchmark-one-thread') || (mode !== 'parse' && !out)) {
  throw new Error('usage: bulk-child.ts parse <file> | benchmark <file> <out> | benchmark-one-thread <file> <out>');
}

/** CPU milliseconds of this process's main thread so far (Linux: /proc/self/task/<pid>/stat), or null. */
function mainThreadCpu(): number | null {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms (USER_HZ 100)
  } catch {
    return null;
  }
}

const started = performance.now();
const mainStarted = mainThreadCpu();
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
const mainEnded = mainThreadCpu();
const mainThreadCpuMs = mainStarted === null || mainEnded === null ? null : mainEnded - mainStarted;
process.stdout.write(`${JSON.stringify({ ms, cpuMs, mainThreadCpuMs, rows, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
