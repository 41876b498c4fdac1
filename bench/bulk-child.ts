// One bulk run in a process of its own, so its peak RSS is its own. Prints one JSON line:
// { ms, cpuMs, mainThreadCpuMs, otherThreadCpuMs, rows, peakRssMb, peakHeapMb } (peakHeapMb: the main
// thread's V8 heap at its largest, committed and used, sampled every 50 ms; cpuMs: the process's user +
// system time, every thread; mainThreadCpuMs: the main thread's alone, from /proc; otherThreadCpuMs:
// the busiest other thread's, sampled from /proc every 50 ms since a finished thread leaves no
// entry: the parser's worker in the `benchmark` run, a V8 helper thread otherwise; null where there
// is no /proc).
//   parse <file>              csv-parse alone reading the file (the baseline)
//   benchmark <file> <out>    the streaming bulk benchmark, CSV in → CSV out (as `paylens benchmark in.csv -o out.csv`:
//                             the file parsed on a worker thread)
//   benchmark-one-thread <file> <out>   the same with the parser in the same thread (one core)
import { createReadStream, createWriteStream, readdirSync, readFileSync } from 'node:fs';
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

/** CPU ms of each thread of this process so far, by thread id (Linux), or null. */
function threadCpu(): Map<string, number> | null {
  try {
    const threads = new Map<string, number>();
    for (const tid of readdirSync('/proc/self/task')) {
      try {
        const fields = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
        threads.set(tid, (Number(fields[11]) + Number(fields[12])) * 10);
      } catch {
        // The thread ended between the listing and the read.
      }
    }
    return threads;
  } catch {
    return null;
  }
}

// Each thread's CPU at its last sample; a thread's first sample is its CPU before the run.
const threadsAtStart = threadCpu();
const threadsSeen = new Map(threadsAtStart);
const peakHeapMb = { total: 0, used: 0 };
const sampleThreads = () => {
  for (const [tid, ms] of threadCpu() ?? []) threadsSeen.set(tid, ms);
  const { heapTotal, heapUsed } = process.memoryUsage();
  peakHeapMb.total = Math.max(peakHeapMb.total, Math.round(heapTotal / 2 ** 20));
  peakHeapMb.used = Math.max(peakHeapMb.used, Math.round(heapUsed / 2 ** 20));
};
const sampler = setInterval(sampleThreads, 50);

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
sampleThreads();
clearInterval(sampler);
let otherThreadCpuMs: number | null = null;
if (threadsAtStart !== null) {
  for (const [tid, ms] of threadsSeen) {
    if (tid === String(process.pid)) continue;
    const used = ms - (threadsAtStart.get(tid) ?? 0);
    if (otherThreadCpuMs === null || used > otherThreadCpuMs) otherThreadCpuMs = used;
  }
}
process.stdout.write(
  `${JSON.stringify({ ms, cpuMs, mainThreadCpuMs, otherThreadCpuMs, rows, peakRssMb: process.resourceUsage().maxRSS / 1024, peakHeapMb })}\n`,
);
