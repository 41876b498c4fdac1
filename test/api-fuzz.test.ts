// Fuzzes every documented operation over a real listening server: whatever is sent, the API answers
// below 500, every error is a problem naming the field, nothing internal leaks, no pay figure is
// logged, and the server is as healthy (and Object.prototype as clean) afterwards as before.
// Replay: FUZZ_SEED=<seed> [FUZZ_RUNS=<n>] [FUZZ_ONLY=<index>] npx vitest run test/api-fuzz.test.ts
import { createApp, listen, type RunningServer } from '@paylens/api';
import { getDefaultDataset } from '@paylens/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type FuzzRequest, type FuzzResponse, toCurl } from './fuzz/client.js';
import { fuzzRequests, listOperations, type OpenApiDocument, POLLUTION_MARKER } from './fuzz/requests.js';
import { captureLogs } from './support.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20_250_707);
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const ONLY = process.env.FUZZ_ONLY === undefined ? undefined : Number(process.env.FUZZ_ONLY);
const BODY_LIMIT = 100 * 1024;
const CONCURRENCY = 8;

const { logger, lines: logs } = captureLogs();
const app = createApp({ dataset: getDefaultDataset(), logger, config: { rateLimit: false, bodyLimit: '100kb' } });
let running: RunningServer;
let port = 0;
let client: ReturnType<typeof createClient>;

// The server as it runs in production (listen adds the answers to requests Node itself refuses).
beforeAll(async () => {
  running = await listen(app, { port: 0, host: '127.0.0.1', logger: captureLogs().logger });
  port = running.port;
  client = createClient(port, CONCURRENCY);
});
afterAll(async () => {
  client.close();
  await running.close();
});

// Words that would betray internals. Request text is echoed in some messages (an unknown id, the
// path of a 404), so a word counts only when the request did not carry it.
const LEAKS = [
  /express/i,
  /\bzod\b/i,
  /node_modules/i,
  /\bat [\w$.<>]+ \(/,
  /\n\s+at /,
  /\/(work|home|usr|tmp)\//,
  /\.[cm]?[jt]s:\d+/,
  /stack/i,
];
const INPUT_PROBLEMS = new Set(['invalid-input', 'unknown-reference', 'no-data', 'inconsistent-query', 'not-found']);

/** Everything the request said, decoded leniently as the server decodes it. */
function requestText(req: FuzzRequest): string {
  const [path = '', query = ''] = req.path.split(/\?(.*)/s);
  const decodedPath = path.split('/').map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  });
  const decodedQuery = [...new URLSearchParams(query)].flat();
  const bodyKeys: string[] = [];
  if (req.body?.kind === 'text') {
    try {
      JSON.parse(req.body.text, (key, value) => {
        bodyKeys.push(key);
        return value;
      });
    } catch {}
  }
  return [req.path, ...decodedPath, ...decodedQuery, ...bodyKeys, req.body?.kind === 'text' ? req.body.text : ''].join(' ');
}

/** What is wrong with one answer, if anything. */
function check(req: FuzzRequest, res: FuzzResponse, fields: ReadonlySet<string>): string[] {
  const wrong: string[] = [];
  if (res.status >= 500) wrong.push(`status ${res.status}`);
  if (res.headers['x-powered-by'] !== undefined) wrong.push('x-powered-by header');
  if (res.headers['x-content-type-options'] !== 'nosniff') wrong.push('no X-Content-Type-Options');
  if (res.headers['content-security-policy'] === undefined) wrong.push('no Content-Security-Policy');
  const sent = requestText(req);
  for (const leak of LEAKS) if (leak.test(res.text) && !leak.test(sent)) wrong.push(`body leaks ${leak}`);
  if (res.status >= 400 && req.method !== 'HEAD') {
    if (!String(res.headers['content-type']).startsWith('application/problem+json')) wrong.push(`4xx as ${res.headers['content-type']}`);
    let problem: { type?: string; status?: number; title?: string; errors?: { path?: unknown; message?: unknown }[] } = {};
    try {
      problem = JSON.parse(res.text);
    } catch {
      wrong.push('4xx body is not JSON');
    }
    if (problem.status !== res.status || typeof problem.title !== 'string') wrong.push('problem without matching status/title');
    const slug = problem.type?.replace('urn:paylens:problem:', '') ?? '';
    if (INPUT_PROBLEMS.has(slug) && res.status !== 404) {
      if (!problem.errors?.length) wrong.push(`${slug} without errors[]`);
      for (const e of problem.errors ?? []) {
        if (typeof e.path !== 'string' || typeof e.message !== 'string') wrong.push('error without path/message');
        // A path names a documented field, or a key the request itself sent (an unknown field), or
        // is empty when the input as a whole is wrong (a body that is not an object).
        const head = String(e.path).split('.')[0] ?? '';
        if (
          head !== '' &&
          !fields.has(head) &&
          !sent.includes(head) &&
          !String(e.message).startsWith('unknown field') &&
          !/^(row|column)/.test(head)
        )
          wrong.push(`error path '${e.path}' names no field`);
      }
    }
  }
  return wrong;
}

describe(`API fuzzing (seed ${SEED}, ${RUNS} requests)`, () => {
  it('never answers 5xx, always a clean problem, never leaks, and leaves the server healthy', async () => {
    const doc = JSON.parse((await client.send({ method: 'GET', path: '/openapi.json', headers: {}, note: '' })).text) as OpenApiDocument;
    const operations = listOperations(doc);
    expect(operations.length).toBeGreaterThan(5);

    // Real ids from every parameter-free GET, grouped by the list they came in (`regions: [...]`),
    // so generated values often reach the insights themselves.
    const byList = new Map<string, Set<string>>();
    const all = new Set<string>();
    const collect = (v: unknown, list: string): void => {
      if (Array.isArray(v)) for (const x of v) collect(x, list);
      else if (v && typeof v === 'object') {
        const id = (v as { id?: unknown }).id;
        if (typeof id === 'string') {
          all.add(id);
          byList.set(list, (byList.get(list) ?? new Set()).add(id));
        }
        for (const [k, x] of Object.entries(v)) collect(x, k);
      }
    };
    for (const { method, path, op } of operations) {
      if (method === 'GET' && !path.includes('{') && !(op.parameters ?? []).length) {
        collect(JSON.parse((await client.send({ method, path, headers: {}, note: '' })).text), '');
      }
    }
    const ids = (field: string) => [...(byList.get(field) ?? byList.get(`${field}s`) ?? all)];
    const fields = new Set<string>();
    const walk = (s: unknown, seen = new Set<unknown>()): void => {
      if (!s || typeof s !== 'object' || seen.has(s)) return;
      seen.add(s);
      const node = s as { properties?: Record<string, unknown>; name?: unknown; in?: unknown };
      for (const k of Object.keys(node.properties ?? {})) fields.add(k);
      if (typeof node.name === 'string' && (node.in === 'query' || node.in === 'path')) fields.add(node.name);
      for (const v of Object.values(s)) walk(v, seen);
    };
    walk(doc);

    const baselinePath = '/v1/estimates?level=mid&region=us-ca-san-francisco&skills=dicom,hl7';
    const baseline = await client.send({ method: 'GET', path: baselinePath, headers: {}, note: '' });
    expect(baseline.status).toBe(200);
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

    const requests = fc.sample(fuzzRequests(doc, ids, BODY_LIMIT), { seed: SEED, numRuns: RUNS });
    const chosen = ONLY === undefined ? requests.map((r, i) => [i, r] as const) : [[ONLY, requests[ONLY]] as const];
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    // Requests Node's parser refuses (431…) never reach the app, so they have no id and no log line.
    let appAnswered = 0;
    const started = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < chosen.length && failures.length < 5) {
        const [index, req] = chosen[next++] ?? [];
        if (index === undefined || !req) continue;
        let res: FuzzResponse;
        try {
          res = await client.send(req);
        } catch (error) {
          failures.push(`#${index} (${req.note}): no answer: ${(error as Error).message}\n  replay: ${toCurl(req, port)}`);
          continue;
        }
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.headers['x-request-id'] !== undefined) appAnswered++;
        const wrong = check(req, res, fields);
        if (wrong.length > 0) {
          failures.push(
            `#${index} (${req.note}): ${wrong.join('; ')}\n  answer: ${res.status} ${res.text.slice(0, 300)}\n  replay: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} FUZZ_ONLY=${index}, or\n  ${toCurl(req, port)}`,
          );
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = (performance.now() - started) / 1000;
    console.info(
      `fuzz: ${chosen.length} requests over ${operations.length} operations in ${seconds.toFixed(1)} s, seed ${SEED}; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
    );
    expect(failures, failures.join('\n\n')).toEqual([]);

    // Still healthy, still right, and nothing leaked into the prototype chain.
    expect((await client.send({ method: 'GET', path: '/healthz', headers: {}, note: '' })).status).toBe(200);
    const after = await client.send({ method: 'GET', path: baselinePath, headers: {}, note: '' });
    expect(after.status).toBe(200);
    expect(JSON.parse(after.text)).toEqual(JSON.parse(baseline.text));
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect(POLLUTION_MARKER in {}).toBe(false);

    // One log line per request, with only method, route pattern, status, duration and id: no figure
    // from any request (no run of 4+ digits once the timestamp, pid, duration and id are set aside).
    const requestLines = logs.filter((l) => l.includes('"msg":"request"'));
    expect(requestLines.length).toBeGreaterThanOrEqual(appAnswered);
    expect(appAnswered).toBeGreaterThan(chosen.length * 0.9);
    for (const line of logs) {
      const { time: _t, pid: _p, hostname: _h, durationMs: _d, reqId: _r, ...rest } = JSON.parse(line);
      expect(rest.msg, line).toBe('request');
      expect(Object.keys(rest).sort()).toEqual(['level', 'method', 'msg', 'route', 'status']);
      expect(JSON.stringify(rest), line).not.toMatch(/\d{4,}/);
    }
  }, 180_000);
});
