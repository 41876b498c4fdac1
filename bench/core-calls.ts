// One core workload of bench/core.ts in a loop, for instruction counts and profiles:
//   node --import tsx bench/core-calls.ts <warm-estimate|warm-benchmark|cold-estimate|cold-benchmark> [calls]
// prints CPU ns per call. With CALLGRIND=1, under `valgrind --tool=callgrind --instr-atstart=no`,
// instruments only the measured calls (after 60,000 warm-up calls) and dumps them: see
// bench/core-instructions.sh. Run from the repository's root (it reads ./data).
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { benchmarkOffer, estimateSalary, getDefaultDataset } from '@paylens/core';
import { loadDataset } from '@paylens/core/node';
import { makeProfiles, withOffers } from './lib/profiles.js';

const workload = process.argv[2] ?? 'cold-estimate';
const calls = Number(process.argv[3] ?? 20_000);
const WARM_UP = 60_000;
const dataset = getDefaultDataset();
// A separate copy to check the generated queries with, as in bench/core.ts.
const check = await loadDataset(resolve('data'));

let call: (i: number) => object;
let warmUp: (i: number) => object;
if (workload === 'warm-estimate' || workload === 'warm-benchmark') {
  // The bench's warm mixes: 1,000 profiles, 10,007 offers, cycling.
  const profiles = makeProfiles(check, 1_000, 1);
  const offers = withOffers(profiles, 10_007, 2);
  call =
    workload === 'warm-benchmark'
      ? (i) => benchmarkOffer(dataset, offers[i % offers.length] as never)
      : (i) => estimateSalary(dataset, profiles[i % profiles.length] as never);
  warmUp = call;
} else if (workload === 'cold-estimate' || workload === 'cold-benchmark') {
  // Never-seen queries (distinct years), built before the clock; the warm-up uses others.
  const offers = workload === 'cold-benchmark';
  const first = makeProfiles(check, WARM_UP, 3, true, 0);
  const later = makeProfiles(check, calls, 5, true, 200_000);
  const warmPool = offers ? withOffers(first, first.length, 4) : first;
  const pool = offers ? withOffers(later, later.length, 4) : later;
  const answer = offers ? benchmarkOffer : estimateSalary;
  warmUp = (i) => answer(dataset, warmPool[i] as never);
  call = (i) => answer(dataset, pool[i] as never);
} else {
  throw new Error(`unknown workload ${workload}`);
}

let sink = 0;
for (let i = 0; i < WARM_UP; i++) if (warmUp(i)) sink++;
const callgrind = process.env.CALLGRIND === '1';
if (callgrind) execFileSync('callgrind_control', ['-i', 'on', String(process.pid)], { stdio: 'ignore' });
const cpu = process.cpuUsage();
for (let i = 0; i < calls; i++) if (call(i)) sink++;
const used = process.cpuUsage(cpu);
if (callgrind) {
  execFileSync('callgrind_control', ['-i', 'off', String(process.pid)], { stdio: 'ignore' });
  execFileSync('callgrind_control', ['-d', workload, String(process.pid)], { stdio: 'ignore' });
}
process.stdout.write(
  `${workload} ${calls} calls: ${Math.round(((used.user + used.system) * 1000) / calls)} CPU ns/call (${sink === calls + WARM_UP})\n`,
);
