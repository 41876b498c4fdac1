import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { readWorkerCount } from './cluster.js';
import { ConfigError } from './config.js';

describe('readWorkerCount', () => {
  it('one process by default, one per core in production or with auto, else the count given', () => {
    expect(readWorkerCount({})).toBe(1);
    expect(readWorkerCount({ NODE_ENV: 'production' })).toBe(availableParallelism());
    expect(readWorkerCount({ PAYLENS_WORKERS: 'auto' })).toBe(availableParallelism());
    expect(readWorkerCount({ PAYLENS_WORKERS: ' 3 ', NODE_ENV: 'production' })).toBe(3);
    expect(readWorkerCount({ PAYLENS_WORKERS: '' })).toBe(1);
  });

  it('refuses anything else', () => {
    for (const value of ['0', '-1', '2.5', 'lots', '257']) {
      expect(() => readWorkerCount({ PAYLENS_WORKERS: value })).toThrow(ConfigError);
    }
  });
});
