import {
  isCsvHeaderError,
  isInconsistentQueryError,
  isNoDataError,
  isPayLensError,
  isRowLimitError,
  isUnknownReferenceError,
  isValidationError,
  type PayLensError,
} from '@paylens/core';
import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { Problem } from '../schemas/problem.js';
import { isHttpProblem } from './http-problem.js';

const TYPE = 'urn:paylens:problem:';

interface Mapped {
  readonly problem: Omit<Problem, 'instance' | 'requestId'>;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Names of the current route's path parameters, recorded by the route so ids there answer 404. */
export function setPathParams(res: Response, names: readonly string[]): void {
  res.locals.pathParams = names;
}

function fromPayLensError(error: PayLensError, pathParams: readonly string[]): Mapped | undefined {
  if (isValidationError(error)) {
    const n = error.issues.length;
    const detail = n === 1 ? error.message : `${n} fields are invalid: ${error.issues.map((i) => i.path || 'input').join(', ')}`;
    return { problem: { type: `${TYPE}invalid-input`, title: 'Invalid input', status: 400, detail, errors: [...error.issues] } };
  }
  if (isCsvHeaderError(error)) {
    return {
      problem: {
        type: `${TYPE}invalid-csv-header`,
        title: 'Invalid CSV header',
        status: 400,
        detail: error.message,
        errors: [...error.issues],
      },
    };
  }
  if (isRowLimitError(error)) {
    const detail = `Too many rows: this server takes at most ${error.limit.toLocaleString('en-US')} rows a request; split the input`;
    return { problem: { type: `${TYPE}too-many-rows`, title: 'Too many rows', status: 413, detail } };
  }
  if (isUnknownReferenceError(error)) {
    const errors = [{ path: error.path, message: error.message }];
    if (pathParams.includes(error.path)) {
      return { problem: { type: `${TYPE}not-found`, title: 'Not found', status: 404, detail: error.message, errors } };
    }
    return { problem: { type: `${TYPE}unknown-reference`, title: 'Unknown reference', status: 400, detail: error.message, errors } };
  }
  if (isNoDataError(error)) {
    const errors = [{ path: error.path, message: error.message }];
    return { problem: { type: `${TYPE}no-data`, title: 'No data', status: 422, detail: error.message, errors } };
  }
  if (isInconsistentQueryError(error)) {
    const errors = [{ path: error.path, message: error.message }];
    return { problem: { type: `${TYPE}inconsistent-query`, title: 'Inconsistent query', status: 422, detail: error.message, errors } };
  }
  return undefined;
}

// body-parser marks its errors with `type`; its messages can quote the body, so none is passed on.
const BODY_ERRORS: Readonly<Record<string, Mapped['problem']>> = {
  'entity.parse.failed': {
    type: `${TYPE}malformed-json`,
    title: 'Malformed JSON',
    status: 400,
    detail: 'The request body is not valid JSON',
  },
  'entity.too.large': {
    type: `${TYPE}payload-too-large`,
    title: 'Payload too large',
    status: 413,
    detail: 'The request body is larger than this server accepts',
  },
  'encoding.unsupported': {
    type: `${TYPE}unsupported-media-type`,
    title: 'Unsupported media type',
    status: 415,
    detail: 'The request body encoding is not supported',
  },
  'charset.unsupported': {
    type: `${TYPE}unsupported-media-type`,
    title: 'Unsupported media type',
    status: 415,
    detail: 'The request body charset is not supported; send UTF-8',
  },
};

// The router fails to decode a path parameter such as `/v1/roles/%ZZ` with a URIError marked 400.
const MALFORMED_URL: Mapped['problem'] = {
  type: `${TYPE}malformed-url`,
  title: 'Malformed URL',
  status: 400,
  detail: 'The request path is not valid percent-encoded UTF-8',
};

const INTERNAL: Mapped['problem'] = {
  type: `${TYPE}internal`,
  title: 'Internal error',
  status: 500,
  detail: 'Something went wrong on our side; the request id helps us find it',
};

function mapError(error: unknown, pathParams: readonly string[]): Mapped | undefined {
  if (isHttpProblem(error)) {
    const slug = error.title.toLowerCase().replaceAll(' ', '-');
    return { problem: { type: `${TYPE}${slug}`, title: error.title, status: error.status, detail: error.message }, headers: error.headers };
  }
  if (isPayLensError(error)) return fromPayLensError(error, pathParams);
  const { type, status } = (error ?? {}) as { type?: unknown; status?: unknown };
  if (error instanceof URIError && status === 400) return { problem: MALFORMED_URL };
  if (typeof type === 'string') {
    const known = BODY_ERRORS[type];
    const { limit } = error as { limit?: unknown };
    if (known && type === 'entity.too.large' && typeof limit === 'number') {
      return { problem: { ...known, detail: `${known.detail} (limit: ${limit.toLocaleString('en-US')} bytes)` } };
    }
    if (known) return { problem: known };
  }
  // Other client errors from the HTTP stack, such as a body whose Content-Encoding does not decode:
  // the client's fault, though not typed; their messages stay here.
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { problem: { type: `${TYPE}bad-request`, title: 'Bad request', status, detail: 'The request could not be read' } };
  }
  return undefined;
}

/**
 * The one place failures become RFC 9457 `application/problem+json`. Unexpected errors answer a
 * generic 500 and are logged with their stack; nothing internal reaches the client.
 */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (res.headersSent) {
      req.socket.destroy();
      return;
    }
    const requestId = res.locals.requestId as string | undefined;
    const mapped = mapError(error, (res.locals.pathParams as string[] | undefined) ?? []);
    if (!mapped) {
      const err = error instanceof Error ? { type: error.name, stack: error.stack } : { type: typeof error };
      logger.error({ reqId: requestId, err }, 'unexpected error');
    }
    const { problem, headers = {} } = mapped ?? { problem: INTERNAL };
    const body: Problem = { ...problem, instance: req.path, ...(requestId ? { requestId } : {}) };
    res.status(problem.status).set(headers).type('application/problem+json').send(JSON.stringify(body));
  };
}
