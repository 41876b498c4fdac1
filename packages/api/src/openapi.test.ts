import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from './openapi.js';
import { routes } from './routes/index.js';

describe('buildOpenApiDocument', () => {
  const doc = buildOpenApiDocument(routes);

  it('is OpenAPI 3.1 with every route, and the same each time it is built', () => {
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.values(doc.paths ?? {}).flatMap((item) => Object.keys(item));
    expect(operations).toHaveLength(routes.length);
    expect(JSON.stringify(buildOpenApiDocument(routes))).toBe(JSON.stringify(doc));
  });

  it('names the core schemas as components and documents problems', () => {
    expect(Object.keys(doc.components?.schemas ?? {})).toEqual(
      expect.arrayContaining(['Estimate', 'EstimateQuery', 'Benchmark', 'BenchmarkQuery', 'Region', 'Source', 'Problem']),
    );
    const post = doc.paths?.['/v1/offers/benchmark']?.post;
    expect(Object.keys(post?.responses ?? {})).toEqual(['200', '400', '413', '415', '422', '429', '500']);
    expect(post?.requestBody).toMatchObject({ required: true, content: { 'application/json': { example: expect.any(Object) } } });
  });

  it('documents GET estimate lists as comma-separated', () => {
    const skills = doc.paths?.['/v1/estimates']?.get?.parameters?.find((p) => 'name' in p && p.name === 'skills');
    expect(skills).toMatchObject({ in: 'query', style: 'form', explode: false, schema: { type: 'array' } });
  });
});
