import type { z } from 'zod';
import { ValidationError } from '../errors/index.js';

/**
 * Validates input against a schema and returns the parsed value, or throws a
 * {@link ValidationError} with one issue per offending field (`offer.base`).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix: readonly (string | number)[] = []): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.flatMap((issue) => {
      const path = [...prefix, ...issue.path].map(String);
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((key) => ({ path: [...path, key].join('.'), message: `unknown field '${key}'` }));
      }
      return [{ path: path.join('.'), message: issue.message }];
    }),
  );
}
