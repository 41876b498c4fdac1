// Core calls per second, one process on one core: estimateSalary and benchmarkOffer, with the
// memo cold (every query new) and warm (1,000 distinct profiles cycling, offers varying).
// Prints one JSON object on stdout. `--smoke`: tiny sizes, only checks that it runs.
import { benchmarkOffer, estimateSalary, getDefaultDataset } from '@paylens/core';
import { loadDataset } from '@paylens/core/node';
import { makeProfiles, withOffers } from './lib/profiles.js';
import { median } from './lib/stats.js';

const smoke = process.argv.includes('--smoke');
const RUNS = smoke ? 3 : 9;
const RUN_MS = smoke ? 20 : 500;
const COLD_POOL = smoke ? 2_000 : 100_000;
const WARM_PROFILES = 1_000;

const dataset = getDefaultDataset();
const check = await loadDataset(new URL('../data', import.meta.url).pathname);

let sink = 0;

interface Rate {
  /** Calls per second of wall-clock time. */
  readonly wall: number;
  /** Calls per second of this process's CPU time: what one core does, whatever else the machine runs. */
  readonly cpu: number;
}

/** Calls `call(i)` for i = 0, 1, … until `ms` have passed or `limit` calls were made. */
function timeCalls(call: (i: number) => { readonly [k: string]: unknown }, ms: number, limit = Number.POSITIVE_INFINITY): Rate {
  let calls = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < ms && calls < limit) {
    const end = Math.min(calls + 1_000, limit);
    for (; calls < end; calls++) if (call(calls)) sink++;
    elapsed = performance.now() - started;
  }
  const used = process.cpuUsage(cpu);
  return { wall: calls / (elapsed / 1000), cpu: calls / ((used.user + used.system) / 1e6) };
}

export interface CoreFigure {
  readonly name: string;
  /** Medians over the runs. */
  readonly wall: number;
  readonly cpu: number;
  readonly runs: readonly Rate[];
}

function series(name: string, run: () => Rate): CoreFigure {
  run(); // warm-up: JIT, and the memo for the warm mixes
  const runs: Rate[] = [];
  for (let r = 0; r < RUNS; r++) runs.push(run());
  return {
    name,
    wall: median(runs.map((r) => r.wall)),
    cpu: median(runs.map((r) => r.cpu)),
    runs: runs.map((r) => ({ wall: Math.round(r.wall), cpu: Math.round(r.cpu) })),
  };
}

const warmProfiles = makeProfiles(check, WARM_PROFILES, 1);
const warmOffers = withOffers(warmProfiles, 10_007, 2);

// Cold: a fresh pool of never-seen queries for every run, built before the clock starts.
let coldOffset = 0;
function coldPool(offers: boolean) {
  const profiles = makeProfiles(check, COLD_POOL, 3 + coldOffset, true, coldOffset);
  coldOffset += COLD_POOL;
  return offers ? withOffers(profiles, profiles.length, 4) : profiles;
}

const figures: CoreFigure[] = [
  series('estimateSalary, warm: 1,000 profiles cycling', () =>
    timeCalls((i) => estimateSalary(dataset, warmProfiles[i % warmProfiles.length] as never), RUN_MS),
  ),
  series('benchmarkOffer, warm: 1,000 profiles cycling, offers varying', () =>
    timeCalls((i) => benchmarkOffer(dataset, warmOffers[i % warmOffers.length] as never), RUN_MS),
  ),
  series('estimateSalary, cold: every query new', () => {
    const pool = coldPool(false);
    return timeCalls((i) => estimateSalary(dataset, pool[i] as never), RUN_MS, pool.length);
  }),
  series('benchmarkOffer, cold: every profile new', () => {
    const pool = coldPool(true);
    return timeCalls((i) => benchmarkOffer(dataset, pool[i] as never), RUN_MS, pool.length);
  }),
];

process.stdout.write(`${JSON.stringify({ figures, runs: RUNS, runMs: RUN_MS, sink: sink > 0 })}\n`);
