// HTTP load with autocannon, from this process (never the server's), against 127.0.0.1 only.
import autocannon from 'autocannon';
import * as hdr from 'hdr-histogram-js';

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
  /**
   * Latency percentiles of the 2xx answers, milliseconds to the microsecond: autocannon's own
   * histogram holds whole milliseconds, too coarse for ratios of answers taking 5–7 ms, so each
   * answer's time (autocannon's `response` event, from `process.hrtime`) is recorded in
   * microseconds in an HdrHistogram of our own (the library autocannon uses).
   */
  readonly p50: number;
  readonly p99: number;
  readonly requests: number;
  /** Answers other than 2xx, plus connection errors and timeouts: must be 0 for a valid run. */
  readonly failures: number;
}

export async function load(port: number, request: LoadRequest, settings: LoadSettings): Promise<LoadResult> {
  const latencies = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3 });
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon(
      {
        url: `http://127.0.0.1:${port}${request.path}`,
        method: request.method,
        connections: settings.connections,
        duration: settings.duration,
        ...(settings.amount !== undefined ? { amount: settings.amount } : {}),
        ...(request.body !== undefined ? { body: request.body, headers: { 'content-type': 'application/json' } } : {}),
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    run.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.recordValue(Math.max(1, Math.round(responseTime * 1000)));
    });
  });
  const percentile = (p: number) => latencies.getValueAtPercentile(p) / 1000;
  const timed = latencies.totalCount > 0;
  return {
    rps: settings.amount !== undefined ? result.requests.total / result.duration : result.requests.average,
    p50: timed ? percentile(50) : result.latency.p50,
    p99: timed ? percentile(99) : result.latency.p99,
    requests: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}
