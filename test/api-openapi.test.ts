// The served document is valid OpenAPI 3.1, and every example it gives answers as it documents.
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from './support.js';

const { app } = testApp();
const SCHEMA_ID = 'urn:paylens:schema:';

interface Parameter {
  name: string;
  in: 'path' | 'query';
  required?: boolean;
  style?: string;
  explode?: boolean;
  description?: string;
  schema: { example?: unknown };
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { example?: unknown; schema: object }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: object }> }>;
}
type Document = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, SchemaNode> };
};
type SchemaNode = {
  $ref?: string;
  description?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  example?: unknown;
};

let doc: Document;
let ajv: Ajv2020;

beforeAll(async () => {
  const res = await request(app).get('/openapi.json');
  expect(res.status).toBe(200);
  doc = res.body;
  ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats.default(ajv);
  ajv.addKeyword('example');
  for (const [name, schema] of Object.entries(doc.components.schemas)) ajv.addSchema({ ...schemaOf(schema), $id: `${SCHEMA_ID}${name}` });
});

/** Component references become ids ajv knows: `#/components/schemas/Role` → `urn:paylens:schema:Role`. */
function schemaOf(schema: object) {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', `"${SCHEMA_ID}`));
}

function operations() {
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));
}

describe('the OpenAPI document', () => {
  it('passes an independent OpenAPI 3.1 validator', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('documents every operation with an id, problem+json errors and a 500', () => {
    const ops = operations();
    expect(ops.map((o) => `${o.method.toUpperCase()} ${o.path}`)).toEqual(
      expect.arrayContaining(['GET /v1/estimates', 'POST /v1/estimates', 'POST /v1/offers/benchmark', 'GET /v1/regions/{id}']),
    );
    for (const { op } of ops) {
      expect(op.operationId).toBeTruthy();
      expect(op.responses['500']?.content?.['application/problem+json']).toBeDefined();
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) >= 400) expect(Object.keys(response.content ?? {})).toEqual(['application/problem+json']);
      }
    }
  });

  it('describes every field and gives an example for every parameter', () => {
    const missing: string[] = [];
    const walk = (node: SchemaNode | undefined, where: string) => {
      if (!node || node.$ref) return;
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        if (!child.$ref && !child.description) missing.push(`${where}.${key}`);
        walk(child, `${where}.${key}`);
      }
      walk(node.items, `${where}[]`);
      for (const branch of node.anyOf ?? []) walk(branch, where);
    };
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      if (!schema.description) missing.push(name);
      walk(schema, name);
    }
    for (const { op } of operations()) {
      for (const p of op.parameters ?? []) {
        if (!p.description || p.schema.example === undefined) missing.push(`${op.operationId}(${p.name})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every documented example request answers with a body valid against the documented response schema', async () => {
    let checked = 0;
    for (const { path, method, op } of operations()) {
      let url = path;
      const query = new URLSearchParams();
      for (const p of op.parameters ?? []) {
        const example = p.schema.example;
        if (p.in === 'path') url = url.replace(`{${p.name}}`, encodeURIComponent(String(example)));
        else if (Array.isArray(example)) query.set(p.name, example.join(','));
        else query.set(p.name, String(example));
      }
      const qs = query.toString();
      let req = request(app)[method as 'get' | 'post'](qs ? `${url}?${qs}` : url);
      const body = op.requestBody?.content['application/json'];
      if (body) {
        expect(body.example, `${op.operationId} has a body example`).toBeDefined();
        req = req.send(body.example as object);
      }
      const res = await req;
      const [status, documented] = Object.entries(op.responses).find(([s]) => s.startsWith('2')) ?? [];
      expect(String(res.status), `${op.operationId}: ${res.text}`).toBe(status);
      const schema = documented?.content?.['application/json']?.schema;
      expect(schema).toBeDefined();
      const validate = ajv.compile(schemaOf(schema as object));
      expect(validate(res.body) ? [] : validate.errors, op.operationId).toEqual([]);
      checked++;
    }
    expect(checked).toBe(operations().length);
  });

  it('problem answers match the documented Problem schema', async () => {
    const validate = ajv.compile(schemaOf({ $ref: '#/components/schemas/Problem' }));
    for (const res of [
      await request(app).get('/v1/estimates?yearsExperience=x'),
      await request(app).get('/v1/roles/nurse'),
      await request(app).post('/v1/estimates').send({ level: 'director' }),
      await request(app).delete('/v1/roles'),
    ]) {
      expect(validate(res.body) ? [] : validate.errors).toEqual([]);
    }
  });
});
