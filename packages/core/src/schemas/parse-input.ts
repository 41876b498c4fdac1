import * as z from 'zod';
import { ValidationError } from '../errors/index.js';

/**
 * Each schema's compiled clone (`z.compile`): zod generates a flat validator for the schema and
 * keeps its ordinary parser for inputs the validator refuses, so the results and the errors are
 * zod's own, only faster. Compiled on first use, so importing the schemas costs nothing more.
 */
const compiled = new WeakMap<z.ZodType, z.ZodType>();

/** The schema zod compiled, or the schema itself where zod is configured not to generate code (`jitless`). */
function compiledSchema<S extends z.ZodType>(schema: S): S {
  let c = compiled.get(schema) as S | undefined;
  if (!c) {
    // z.compile never throws: a schema it cannot compile comes back unchanged.
    c = z.config().jitless ? schema : z.compile(schema);
    compiled.set(schema, c);
  }
  return c;
}

/**
 * Validates input against a schema and returns the parsed value, or throws a
 * {@link ValidationError} with one issue per offending field (`offer.base`).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix: readonly (string | number)[] = []): z.output<S> {
  const result = compiledSchema(schema).safeParse(input);
  if (result.success) return result.data;
  throw toValidationError(result.error.issues, prefix);
}

/** zod's issues as a {@link ValidationError}: one issue per field, one per unknown key. */
export function toValidationError(issues: readonly z.core.$ZodIssue[], prefix: readonly (string | number)[] = []): ValidationError {
  return new ValidationError(
    issues.flatMap((issue) => {
      const path = [...prefix, ...issue.path].map(String);
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((key) => ({ path: [...path, key].join('.'), message: `unknown field '${key}'` }));
      }
      return [{ path: path.join('.'), message: issue.message }];
    }),
  );
}
