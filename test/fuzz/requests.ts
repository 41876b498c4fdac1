// Generates hostile requests from the served OpenAPI document: every documented operation, with
// values valid by its schemas mixed with junk, wrong methods and content types, prototype keys,
// deep nesting and oversized bodies. New routes are fuzzed as soon as they are documented.
import { METHODS } from 'node:http';
import fc from 'fast-check';
import type { FuzzRequest } from './client.js';

export interface SchemaNode {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly example?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly format?: string;
  readonly items?: SchemaNode;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly required?: readonly string[];
  readonly anyOf?: readonly SchemaNode[];
  readonly oneOf?: readonly SchemaNode[];
  readonly allOf?: readonly SchemaNode[];
}
interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly schema?: SchemaNode;
}
interface Operation {
  readonly parameters?: readonly Parameter[];
  readonly requestBody?: { readonly content: Readonly<Record<string, { readonly schema?: SchemaNode; readonly example?: unknown }>> };
}
export interface OpenApiDocument {
  readonly paths: Readonly<Record<string, Readonly<Record<string, Operation>>>>;
  readonly components?: { readonly schemas?: Readonly<Record<string, SchemaNode>> };
}

/** The operations of a document, with the field names each one reads. */
export function listOperations(doc: OpenApiDocument) {
  const ops: { method: string; path: string; op: Operation }[] = [];
  for (const [path, byMethod] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(byMethod)) ops.push({ method: method.toUpperCase(), path, op });
  }
  return ops;
}

/** Percent-encodes, sending a lone surrogate as the (invalid) UTF-8 bytes of one. */
export function enc(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value
      .split(/([\ud800-\udfff])/)
      .map((part) => (/^[\ud800-\udfff]$/.test(part) ? '%ED%A0%80' : encodeURIComponent(part)))
      .join('');
  }
}

const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype'] as const;
/** Set on Object.prototype by a successful pollution; the test checks it never appears. */
export const POLLUTION_MARKER = 'fuzzPolluted';

const words = fc.constantFrom(
  'NaN',
  'Infinity',
  '-Infinity',
  'null',
  'undefined',
  'true',
  '1e309',
  '-0',
  '0x1F',
  '1_000',
  '9'.repeat(400),
  '',
  ' ',
  '%',
  '%E0%A4%A',
  '%00',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '$' + '{jndi:ldap://x}',
  'MID',
  ' us ',
  'ü',
  'ﬁ',
  '😀',
  '\u202e',
  '\ud800',
  'a'.repeat(5000),
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
);
const junkString = fc.oneof(words, fc.string({ unit: 'grapheme', maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 12 }));
const hugeNumber = fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, -(2 ** 63), 5e-324, 1e21, 123_456_789_012);

const deep = (depth: number, open: string, close: string, leaf: string) => open.repeat(depth) + leaf + close.repeat(depth);
/** Raw JSON text of deeply nested arrays or objects. */
const deepJson = fc
  .tuple(fc.integer({ min: 50, max: 20_000 }), fc.boolean())
  .map(([n, arrays]) => (arrays ? deep(n, '[', ']', '1') : deep(n, '{"a":', '}', '1')));

/** Junk as raw JSON text: anything JSON can hold, hostile keys and depth. */
const junkJson: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
  { weight: 2, arbitrary: junkString.map((s) => JSON.stringify(s)) },
  { weight: 2, arbitrary: hugeNumber.map(String) },
  { weight: 1, arbitrary: fc.constantFrom('1e400', '-1e400', '1.0e-400', '0.1e1', '-0') },
  { weight: 1, arbitrary: deepJson },
  {
    weight: 1,
    arbitrary: fc.constantFrom(...POLLUTION_KEYS).map((k) => `{"${k}":{"${POLLUTION_MARKER}":true,"prototype":{"${POLLUTION_MARKER}":1}}}`),
  },
);

/** Values valid by the schema, in raw JSON text. */
/** Real ids for a field name (`region`, `regions`, `skills`), or every id known. */
export type IdPool = (field: string) => readonly string[];

function validJson(schema: SchemaNode, resolve: (s: SchemaNode) => SchemaNode, ids: IdPool, depth = 0, name = ''): fc.Arbitrary<string> {
  const s = resolve(schema);
  const variants = s.anyOf ?? s.oneOf;
  if (variants && variants.length > 0) return fc.oneof(...variants.map((v) => validJson(v, resolve, ids, depth, name)));
  if (s.enum && s.enum.length > 0) return fc.constantFrom(...s.enum).map((v) => JSON.stringify(v));
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  const example = s.example === undefined ? [] : [fc.constant(JSON.stringify(s.example))];
  switch (type) {
    case 'number':
    case 'integer': {
      const min = s.minimum ?? -1e6;
      const max = s.maximum ?? 1e6;
      const n =
        type === 'integer'
          ? fc.integer({ min: Math.ceil(Math.max(min, -1e9)), max: Math.floor(Math.min(max, 1e9)) })
          : fc.double({ min, max, noNaN: true });
      return fc.oneof(
        ...example,
        n.map((x) => JSON.stringify(x)),
      );
    }
    case 'string':
      if (s.format === 'date') {
        const date = fc
          .date({ min: new Date('1980-01-01'), max: new Date('2120-01-01'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10));
        return fc.oneof(
          ...example,
          date.map((d) => JSON.stringify(d)),
        );
      }
      return fc.oneof(...example, ...(ids(name).length > 0 ? [fc.constantFrom(...ids(name)).map((id) => JSON.stringify(id))] : []));
    case 'boolean':
      return fc.boolean().map(String);
    case 'array': {
      const item = s.items ? validJson(s.items, resolve, ids, depth + 1, name) : fc.constant('1');
      return fc.oneof(
        ...example,
        fc.array(item, { maxLength: 6 }).map((xs) => `[${xs.join(',')}]`),
      );
    }
    default:
      if (s.properties && depth < 4) return objectJson(s, resolve, ids, depth + 1);
      return fc.oneof(...example, fc.constant('{}'));
  }
}

/** A JSON object for the schema: each field valid, junk or missing; sometimes extra or hostile keys. */
function objectJson(schema: SchemaNode, resolve: (s: SchemaNode) => SchemaNode, ids: IdPool, depth = 0): fc.Arbitrary<string> {
  const entries = Object.entries(schema.properties ?? {});
  const field = (name: string, node: SchemaNode) =>
    fc.oneof(
      { weight: 6, arbitrary: validJson(node, resolve, ids, depth, name).map((v) => `${JSON.stringify(name)}:${v}`) },
      { weight: 1, arbitrary: junkJson.map((v) => `${JSON.stringify(name)}:${v}`) },
      { weight: 2, arbitrary: fc.constant('') },
    );
  const extra = fc.oneof(
    fc.constantFrom(...POLLUTION_KEYS).map((k) => `"${k}":{"${POLLUTION_MARKER}":true,"prototype":{"${POLLUTION_MARKER}":true}}`),
    fc.tuple(junkString, junkJson).map(([k, v]) => `${JSON.stringify(k)}:${v}`),
  );
  return fc
    .tuple(fc.tuple(...entries.map(([name, node]) => field(name, node))), fc.array(extra, { maxLength: 2 }), fc.boolean())
    .map(([fields, extras, duplicate]) => {
      const parts = [...fields, ...extras].filter((p) => p !== '');
      // A repeated key: JSON.parse keeps the last one.
      if (duplicate && parts[0]) parts.push(parts[0]);
      return `{${parts.join(',')}}`;
    });
}

/** A query-string value: valid, junk, or a list; repeated keys and bracket syntax included. */
function queryPairs(params: readonly Parameter[], resolve: (s: SchemaNode) => SchemaNode, ids: IdPool): fc.Arbitrary<string> {
  const raw = (json: string): string => {
    try {
      const v: unknown = JSON.parse(json);
      return Array.isArray(v) ? v.map(String).join(',') : typeof v === 'object' && v !== null ? json : String(v);
    } catch {
      return json;
    }
  };
  const pair = (p: Parameter) =>
    fc.oneof(
      { weight: 6, arbitrary: validJson(p.schema ?? {}, resolve, ids, 0, p.name).map((v) => `${enc(p.name)}=${enc(raw(v))}`) },
      { weight: 2, arbitrary: junkString.map((v) => `${enc(p.name)}=${enc(v)}`) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(`${enc(p.name)}`, `${enc(p.name)}=`, `${enc(p.name)}[]=a`, `${enc(p.name)}[x]=1`, `${enc(p.name)}=%ZZ`),
      },
      {
        weight: 1,
        arbitrary: fc.array(junkString, { minLength: 2, maxLength: 4 }).map((vs) => vs.map((v) => `${enc(p.name)}=${enc(v)}`).join('&')),
      },
      { weight: 2, arbitrary: fc.constant('') },
    );
  const hostile = fc.oneof(
    fc.constantFrom(...POLLUTION_KEYS).map((k) => `${k}[${POLLUTION_MARKER}]=1`),
    fc.constantFrom(...POLLUTION_KEYS).map((k) => `${k}=1`),
    fc.constantFrom(`__proto__.${POLLUTION_MARKER}=1`, `constructor[prototype][${POLLUTION_MARKER}]=1`, '&&&', '=x', 'a=1&a=2&a=3'),
    fc.tuple(junkString, junkString).map(([k, v]) => `${enc(k)}=${enc(v)}`),
    fc.integer({ min: 100, max: 1100 }).map((n) => Array.from({ length: n }, (_, i) => `k${i}=${i}`).join('&')),
  );
  return fc
    .tuple(fc.tuple(...params.map(pair)), fc.array(hostile, { maxLength: 2 }))
    .map(([pairs, extras]) => [...pairs, ...extras].filter((p) => p !== '').join('&'));
}

const pathJunk = fc.oneof(
  junkString.map(enc),
  fc.constantFrom(
    '%E0%A4%A',
    '%ZZ',
    '%00',
    '..%2F..%2Fetc%2Fpasswd',
    '%2e%2e',
    '__proto__',
    'constructor',
    'a'.repeat(3000),
    '%F0%9F%98%80',
  ),
);

interface BodyChoice {
  readonly type?: string;
  readonly body?: FuzzRequest['body'];
  readonly note: string;
}

const OTHER_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'TRACE', 'PROPFIND', 'SEARCH', 'QUERY', 'PURGE'].filter(
  (m) => METHODS.includes(m),
);
const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/xml',
  'application/problem+json',
  'application/vnd.api+json',
  'text/csv',
  '*/*',
  ';;;',
  'application/json; charset=',
];

/**
 * Requests for every operation of the document (and for paths it does not have). `ids` are real
 * identifiers from the catalogue, so valid-looking values often reach the insights themselves.
 */
export function fuzzRequests(doc: OpenApiDocument, ids: IdPool, bodyLimitBytes: number): fc.Arbitrary<FuzzRequest> {
  const schemas = doc.components?.schemas ?? {};
  const resolve = (s: SchemaNode): SchemaNode => {
    let node = s;
    for (let i = 0; node.$ref && i < 10; i++) node = schemas[node.$ref.replace('#/components/schemas/', '')] ?? {};
    return node;
  };
  const headerJunk = fc.record(
    {
      accept: fc.constantFrom('application/json', 'text/html', '*/*', 'application/problem+json', 'image/png', ''),
      'x-request-id': fc.oneof(fc.constantFrom('abc', 'x'.repeat(200), 'a b', '90000'), fc.stringMatching(/^[\x21-\x7e]{0,40}$/)),
      'if-none-match': fc.constantFrom('*', '"x"', 'W/"y"', ''),
      origin: fc.constantFrom('https://evil.example', 'null', 'http://localhost'),
      'accept-encoding': fc.constantFrom('gzip', 'br', 'identity;q=0', '*'),
    },
    { requiredKeys: [] },
  );

  const perOperation = listOperations(doc).map(({ method, path, op }) => {
    const params = op.parameters ?? [];
    const pathParams = params.filter((p) => p.in === 'path');
    const query = params.filter((p) => p.in === 'query');
    const content = Object.entries(op.requestBody?.content ?? {});
    const filledPath = fc
      .tuple(
        ...pathParams.map((p) =>
          fc.oneof(
            {
              weight: 3,
              arbitrary: validJson(p.schema ?? {}, resolve, ids, 0, path.split('/').at(-2) ?? '').map((v) => enc(String(JSON.parse(v)))),
            },
            { weight: 2, arbitrary: pathJunk },
          ),
        ),
      )
      .map((values) => pathParams.reduce((acc, p, i) => acc.replace(`{${p.name}}`, values[i] ?? ''), path));

    const bodies: fc.Arbitrary<BodyChoice>[] = [];
    for (const [type, media] of content) {
      const valid = media.schema && resolve(media.schema).properties ? objectJson(resolve(media.schema), resolve, ids) : junkJson;
      if (type.includes('json')) {
        bodies.push(
          valid.map((text) => ({ type, body: { kind: 'text' as const, text }, note: `${type} body from its schema` })),
          junkJson.map((text) => ({ type, body: { kind: 'text' as const, text }, note: 'junk JSON body' })),
          fc
            .constantFrom('{', '{"a":', '[1,2', '{"offer":{"base":90000}', '\uFEFF{}', 'nul', '{"a":1}garbage', "{'a':1}", '{"a":1,}', '')
            .map((text) => ({ type, body: { kind: 'text' as const, text }, note: 'malformed JSON body' })),
        );
      } else {
        const cell = fc.oneof(junkString, fc.constantFrom(...ids('').slice(0, 40)), fc.integer().map(String), fc.constant('"unterminated'));
        const csv = fc
          .tuple(
            fc.array(fc.constantFrom('base', 'bonus', 'level', 'region', 'skills', 'yearsExperience', 'x', ''), { maxLength: 6 }),
            fc.array(fc.array(cell, { maxLength: 7 }), { maxLength: 6 }),
            fc.constantFrom('\n', '\r\n', '\r'),
          )
          .map(([header, rows, eol]) => [header, ...rows].map((r) => r.join(',')).join(eol));
        bodies.push(csv.map((text) => ({ type, body: { kind: 'text' as const, text }, note: `${type} body` })));
      }
    }
    bodies.push(
      fc.constant<BodyChoice>({ note: 'no body' }),
      fc
        .tuple(fc.constantFrom(...CONTENT_TYPES), junkJson)
        .map(([type, text]) => ({ type, body: { kind: 'text' as const, text }, note: 'wrong content type' })),
      fc.constantFrom('application/json', 'text/csv', 'text/plain').map((type) => ({
        type,
        body: {
          kind: 'repeat' as const,
          chunk: type === 'application/json' ? '[1,' : 'a,b\n',
          times: Math.ceil((bodyLimitBytes * 1.5) / 3),
        },
        note: 'oversized body',
      })),
    );
    const withBody = fc.oneof(
      {
        weight: 8,
        arbitrary: bodies.length > 3 ? fc.oneof(...bodies.slice(0, -3)) : (bodies[0] ?? fc.constant<BodyChoice>({ note: 'no body' })),
      },
      { weight: 3, arbitrary: fc.oneof(...bodies.slice(-3)) },
    );

    return fc
      .record({
        method: fc.oneof({ weight: 9, arbitrary: fc.constant(method) }, { weight: 2, arbitrary: fc.constantFrom(...OTHER_METHODS) }),
        path: filledPath,
        query: query.length > 0 ? queryPairs(query, resolve, ids) : fc.oneof(fc.constant(''), queryPairs([], resolve, ids)),
        body:
          content.length > 0
            ? withBody
            : fc.oneof(
                { weight: 5, arbitrary: fc.constant<BodyChoice>({ note: 'no body' }) },
                { weight: 1, arbitrary: fc.oneof(...bodies) },
              ),
        headers: headerJunk,
        encoding: fc.oneof(
          { weight: 12, arbitrary: fc.constant(undefined) },
          { weight: 1, arbitrary: fc.constantFrom('gzip', 'deflate', 'br', 'x-unknown', 'identity') },
        ),
      })
      .map(({ method, path, query, body, headers, encoding }): FuzzRequest => {
        const all: Record<string, string> = { ...headers };
        if (body.type !== undefined) all['content-type'] = body.type;
        if (encoding !== undefined && body.body) all['content-encoding'] = encoding;
        const b = method === 'HEAD' || method === 'GET' ? (body.body?.kind === 'repeat' ? undefined : body.body) : body.body;
        return {
          method,
          path: query ? `${path}?${query}` : path,
          headers: all,
          ...(b ? { body: b } : {}),
          note: `${method} ${path}: ${body.note}`,
        };
      });
  });

  const unknownPath = fc
    .tuple(
      fc.constantFrom(...OTHER_METHODS),
      fc.oneof(
        fc.constantFrom('/', '/v1', '/v2/roles', '/v1/roles/', '/v1//roles', '/.env', '/docs/../openapi.json', '/v1/roles/a/b'),
        pathJunk.map((p) => `/v1/${p}`),
      ),
    )
    .map(([method, path]): FuzzRequest => ({ method, path, headers: {}, note: 'unknown path' }));
  return fc.oneof({ weight: 20, arbitrary: fc.oneof(...perOperation) }, { weight: 1, arbitrary: unknownPath });
}
