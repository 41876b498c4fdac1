// HTTP load with autocannon, from this process (never the server's), against 127.0.0.1 only.
import autocannon from 'autocannon';

export interface LoadSettings {
  readonly connections: number;
  /** Seconds per run; `amount` wins when given (smoke runs). */
  readonly duration: number;
  readonly amount?: number;
}

export interface LoadRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: string;
}

export interface LoadResult {
  /** Mean requests per second over the run. */
  readonly rps: number;
  /** Latency percentiles, milliseconds. */
  readonly p50: number;
  readonly p99: number;
  readonly requests: number;
  /** Answers other than 2xx, plus connection errors and timeouts: must be 0 for a valid run. */
  readonly failures: number;
}

export async function load(port: number, request: LoadRequest, settings: LoadSettings): Promise<LoadResult> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${request.path}`,
    method: request.method,
    connections: settings.connections,
    duration: settings.duration,
    ...(settings.amount !== undefined ? { amount: settings.amount } : {}),
    ...(request.body !== undefined ? { body: request.body, headers: { 'content-type': 'application/json' } } : {}),
  });
  return {
    rps: settings.amount !== undefined ? result.requests.total / result.duration : result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}
