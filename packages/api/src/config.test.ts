import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig, toBytes } from './config.js';

describe('readConfig', () => {
  it('has working defaults', () => {
    expect(readConfig({})).toEqual({
      port: 3000,
      host: undefined,
      dataDir: undefined,
      corsOrigins: [],
      rateLimit: { windowMs: 60_000, max: 300 },
      bodyLimit: '100kb',
      batchJsonLimit: '5mb',
      batchCsvLimit: '50mb',
      batchMaxRows: 10_000,
      logLevel: 'info',
      trustProxy: 0,
    });
  });

  it('reads every variable', () => {
    const config = readConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      PAYLENS_DATA_DIR: './my-data',
      CORS_ORIGINS: 'https://a.example, http://localhost:5173',
      RATE_LIMIT_WINDOW_MS: '1000',
      RATE_LIMIT_MAX: '5',
      BODY_LIMIT: '1MB',
      BATCH_JSON_LIMIT: '2mb',
      BATCH_CSV_LIMIT: '100MB',
      BATCH_MAX_ROWS: '500',
      LOG_LEVEL: 'warn',
      TRUST_PROXY: '1',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      dataDir: './my-data',
      corsOrigins: ['https://a.example', 'http://localhost:5173'],
      rateLimit: { windowMs: 1000, max: 5 },
      bodyLimit: '1mb',
      batchJsonLimit: '2mb',
      batchCsvLimit: '100mb',
      batchMaxRows: 500,
      logLevel: 'warn',
      trustProxy: 1,
    });
    expect(readConfig({ RATE_LIMIT_MAX: '0' }).rateLimit).toBe(false);
  });

  it('refuses bad values, naming each variable', () => {
    let error: unknown;
    try {
      readConfig({ PORT: 'eighty', CORS_ORIGINS: 'example.com', LOG_LEVEL: 'loud', BODY_LIMIT: 'big', BATCH_MAX_ROWS: '0' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const lines = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'CORS_ORIGINS.0', 'LOG_LEVEL', 'BODY_LIMIT', 'BATCH_MAX_ROWS']) expect(lines).toContain(`${name}:`);
  });

  it('reads sizes as bytes, in units of 1024', () => {
    expect([toBytes('10b'), toBytes('1kb'), toBytes('50MB')]).toEqual([10, 1024, 50 * 1024 * 1024]);
    expect(() => toBytes('big')).toThrow(RangeError);
  });
});
