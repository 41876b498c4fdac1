// What one request line costs the process, by log destination: pino writing the request log's
// line (same fields) to a file, 8 lines per turn of the event loop (about what the server answers
// per turn under the bench's load), 200,000 lines; the process's CPU time (user + system, every
// thread: pino's own work, sonic-boom's, the thread pool's writes and the kernel's) per line, and
// write system calls per line. Each destination runs in its own process, the destinations take
// turns, 5 rounds; medians.
//   node bench/log-destination.mjs [--rounds=5] [--lines=200000] [--per-turn=8]
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const require = createRequire(join(import.meta.dirname, '../packages/api/package.json'));
const { pino } = require('pino');

/** The destinations compared: pino.destination's options. */
const DESTINATIONS = {
  'async (before)': { sync: false },
  'sync, one write per line': { sync: true },
  'async, minLength 4096': { sync: false, minLength: 4096 },
  'sync, minLength 4096': { sync: true, minLength: 4096 },
  'sync, minLength 2048': { sync: true, minLength: 2048 },
  'sync, minLength 1024': { sync: true, minLength: 1024 },
  'sync, minLength 512': { sync: true, minLength: 512 },
};

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    lines: { type: 'string', default: '200000' },
    'per-turn': { type: 'string', default: '8' },
    child: { type: 'string' },
  },
});
const lines = Number(args.lines);
const perTurn = Number(args['per-turn']);

function writeCalls() {
  return Number(/^syscw: (\d+)/m.exec(readFileSync('/proc/self/io', 'utf8'))?.[1] ?? Number.NaN);
}

if (args.child !== undefined) {
  const file = join(tmpdir(), `paylens-log-destination-${process.pid}.log`);
  const dest = pino.destination({ dest: file, ...DESTINATIONS[args.child] });
  await new Promise((r) => dest.once('ready', r));
  const logger = pino({ level: 'info' }, dest);
  const line = (i) =>
    logger.info(
      {
        reqId: `3f0c2a4e-8d1b-4c55-9a7e-${String(i).padStart(12, '0')}`,
        method: 'GET',
        route: '/v1/estimates',
        status: 200,
        durationMs: 0.42,
      },
      'request',
    );
  for (let i = 0; i < 20_000; i++) line(i); // warm-up
  dest.flushSync();
  const cpu0 = process.cpuUsage();
  const w0 = writeCalls();
  let i = 0;
  await new Promise((done) => {
    const turn = () => {
      for (let k = 0; k < perTurn; k++) line(i++);
      if (i < lines) setImmediate(turn);
      else done();
    };
    turn();
  });
  dest.flushSync();
  const cpu = process.cpuUsage(cpu0);
  const writes = writeCalls() - w0;
  rmSync(file, { force: true });
  process.stdout.write(JSON.stringify({ us: (cpu.user + cpu.system) / lines, writes: writes / lines }));
  process.exit(0);
}

const names = Object.keys(DESTINATIONS);
const results = new Map(names.map((n) => [n, []]));
for (let r = 0; r < Number(args.rounds); r++) {
  for (const name of r % 2 ? [...names].reverse() : names) {
    const child = spawnSync(process.execPath, [import.meta.filename, `--child=${name}`, `--lines=${lines}`, `--per-turn=${perTurn}`], {
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(child.stderr);
    const res = JSON.parse(child.stdout);
    results.get(name).push(res);
    console.log(`${name}: ${res.us.toFixed(2)} µs CPU, ${res.writes.toFixed(3)} writes / line`);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [name, rs] of results) {
  console.log(
    `${name} median: ${median(rs.map((x) => x.us)).toFixed(2)} µs CPU, ${median(rs.map((x) => x.writes)).toFixed(3)} writes / line`,
  );
}
