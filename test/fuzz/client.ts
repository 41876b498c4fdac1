// A small keep-alive HTTP client for driving a real listening server fast, and the request form the
// fuzzer generates and prints for replay.
import { Agent, request } from 'node:http';

/** One generated request. `body` of kind `repeat` is built only when sent (oversized bodies). */
export interface FuzzRequest {
  readonly method: string;
  /** Path and query, already percent-encoded as it goes on the wire. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?:
    | { readonly kind: 'text'; readonly text: string }
    | { readonly kind: 'repeat'; readonly chunk: string; readonly times: number };
  /** What the generator meant to exercise, for the replay message. */
  readonly note: string;
}

export interface FuzzResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
}

export function bodyBytes(req: FuzzRequest): Buffer | undefined {
  if (!req.body) return undefined;
  return Buffer.from(req.body.kind === 'text' ? req.body.text : req.body.chunk.repeat(req.body.times));
}

/** The request as a curl command line, bodies shortened, to replay by hand. */
export function toCurl(req: FuzzRequest, port: number): string {
  const q = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
  const headers = Object.entries(req.headers).map(([k, v]) => ` -H ${q(`${k}: ${v}`)}`);
  let body = '';
  if (req.body?.kind === 'text')
    body = ` --data-binary ${q(req.body.text.length > 2000 ? `${req.body.text.slice(0, 2000)}…` : req.body.text)}`;
  if (req.body?.kind === 'repeat') body = ` --data-binary "$(printf '%.0s${req.body.chunk}' $(seq ${req.body.times}))"`;
  const line = `curl -i -X ${req.method}${headers.join('')}${body} ${q(`http://127.0.0.1:${port}${req.path}`)}`;
  return line.length > 3000 ? `${line.slice(0, 3000)}… (shortened; replay with FUZZ_ONLY for the whole request)` : line;
}

export function createClient(port: number, sockets: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const send = (req: FuzzRequest): Promise<FuzzResponse> =>
    new Promise((resolve, reject) => {
      const body = bodyBytes(req);
      const r = request(
        {
          host: '127.0.0.1',
          port,
          agent,
          method: req.method,
          path: req.path,
          headers: { ...req.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      // The server may answer (413, 415) before reading a large body and close; that is fine.
      r.on('error', reject);
      r.end(body);
    });
  return { send, close: () => agent.destroy() };
}
