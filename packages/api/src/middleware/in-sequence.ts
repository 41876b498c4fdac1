import type { RequestHandler } from 'express';

/**
 * Runs middlewares one after the other as a single one, as a router would run them mounted one
 * by one: an error (or a middleware that answers without calling `next`) stops the sequence.
 *
 * @example
 * app.use(inSequence([requestLog(logger), securityHeaders('/docs')]));
 */
export function inSequence(handlers: readonly RequestHandler[]): RequestHandler {
  return (req, res, next) => {
    let index = 0;
    const step = (error?: unknown): void => {
      if (error !== undefined && error !== null) {
        next(error);
        return;
      }
      const handler = handlers[index++];
      if (handler === undefined) {
        next();
        return;
      }
      try {
        // As Express 5 does: a rejected promise from a middleware is an error.
        const returned: unknown = handler(req, res, step);
        if (returned instanceof Promise) returned.catch((rejected: unknown) => next(rejected ?? new Error('Rejected promise')));
      } catch (thrown) {
        next(thrown);
      }
    };
    step();
  };
}
