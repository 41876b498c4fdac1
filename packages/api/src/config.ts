import * as z from 'zod';

const csv = (value: unknown) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')
    : value;

const OriginSchema = z
  .string()
  .regex(/^https?:\/\/[^/\s]+$/, 'expected an origin such as https://app.example.com (scheme and host, no path)');

const SizeSchema = z.string().regex(/^\d+(b|kb|mb)$/i, 'expected a size such as 100kb or 1mb');

/** The environment variables the server reads, with their defaults. */
export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).optional(),
  PAYLENS_DATA_DIR: z.string().min(1).optional(),
  CORS_ORIGINS: z.preprocess(csv, z.array(OriginSchema)).default([]),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).max(86_400_000).default(60_000),
  RATE_LIMIT_MAX: z.coerce.number().int().min(0).default(300),
  BODY_LIMIT: SizeSchema.default('100kb'),
  BATCH_JSON_LIMIT: SizeSchema.default('5mb'),
  BATCH_CSV_LIMIT: SizeSchema.default('50mb'),
  BATCH_MAX_ROWS: z.coerce.number().int().min(1).max(10_000_000).default(10_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
});

/** What the app needs to know; `createApp` takes it (or any part of it, the rest defaulting). */
export interface ApiConfig {
  /** Browser origins allowed to call the API cross-origin; none by default. */
  readonly corsOrigins: readonly string[];
  /** Requests per client per window; `false` turns rate limiting off (tests, or behind a gateway). */
  readonly rateLimit: { readonly windowMs: number; readonly max: number } | false;
  /** Largest JSON body accepted, in the `bytes` notation: `100kb`. */
  readonly bodyLimit: string;
  /** Largest JSON body of a batch benchmark (`{ offers: [...] }`), which is parsed whole. */
  readonly batchJsonLimit: string;
  /** Largest CSV body of a batch benchmark; it is read as a stream, so it may be far larger. */
  readonly batchCsvLimit: string;
  /** Most rows one batch benchmark takes, JSON or CSV; more is answered 413. */
  readonly batchMaxRows: number;
  readonly logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  /** Number of reverse proxies in front of the server whose X-Forwarded-For is trusted. */
  readonly trustProxy: number;
}

export interface ServerConfig extends ApiConfig {
  readonly port: number;
  readonly host: string | undefined;
  readonly dataDir: string | undefined;
}

export const DEFAULT_CONFIG: ApiConfig = {
  corsOrigins: [],
  rateLimit: { windowMs: 60_000, max: 300 },
  bodyLimit: '100kb',
  batchJsonLimit: '5mb',
  batchCsvLimit: '50mb',
  batchMaxRows: 10_000,
  logLevel: 'info',
  trustProxy: 0,
};

/**
 * Reads the server configuration from environment variables, refusing bad values with one line per
 * variable. `RATE_LIMIT_MAX=0` turns rate limiting off.
 *
 * @example
 * const config = readConfig({ PORT: '8080', CORS_ORIGINS: 'https://a.example,https://b.example' });
 * config.port; // 8080
 */
export function readConfig(env: Readonly<Record<string, string | undefined>>): ServerConfig {
  // Parsed once per process: zod's generated fast path (`new Function`, compiled on first parse)
  // would cost more than it saves, so this parse skips it (zod's per-parse `jitless` option).
  const result = EnvSchema.safeParse(env, { jitless: true });
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = result.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.PAYLENS_DATA_DIR,
    corsOrigins: e.CORS_ORIGINS,
    rateLimit: e.RATE_LIMIT_MAX === 0 ? false : { windowMs: e.RATE_LIMIT_WINDOW_MS, max: e.RATE_LIMIT_MAX },
    bodyLimit: e.BODY_LIMIT.toLowerCase(),
    batchJsonLimit: e.BATCH_JSON_LIMIT.toLowerCase(),
    batchCsvLimit: e.BATCH_CSV_LIMIT.toLowerCase(),
    batchMaxRows: e.BATCH_MAX_ROWS,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
  };
}

/** The environment holds invalid settings; `problems` has one line per variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.problems = problems;
  }
}

const UNITS: Readonly<Record<string, number>> = { b: 1, kb: 1024, mb: 1024 * 1024 };

/**
 * A size in the notation of the config (`100kb`, `50mb`; units of 1024) as a number of bytes.
 *
 * @example
 * toBytes('1kb'); // 1024
 */
export function toBytes(size: string): number {
  const match = /^(\d+)(b|kb|mb)$/i.exec(size);
  if (!match) throw new RangeError(`expected a size such as 100kb or 1mb, got '${size}'`);
  return Number(match[1]) * (UNITS[(match[2] ?? 'b').toLowerCase()] ?? 1);
}
