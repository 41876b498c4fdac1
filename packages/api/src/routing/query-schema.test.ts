import { EstimateQuerySchema } from '@paylens/core';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { toQuerySchema } from './query-schema.js';

const schema = toQuerySchema(EstimateQuerySchema.shape);

describe('toQuerySchema', () => {
  it('reads comma lists, repeated keys and numbers from strings', () => {
    expect(schema.parse({ skills: 'dicom, hl7', yearsExperience: '4.5' })).toEqual({ skills: ['dicom', 'hl7'], yearsExperience: 4.5 });
    expect(schema.parse({ skills: ['dicom', 'hl7,troubleshooting'] })).toEqual({ skills: ['dicom', 'hl7', 'troubleshooting'] });
    expect(schema.parse({})).toEqual({});
  });

  it('still validates with the original field schemas', () => {
    const result = schema.safeParse({ yearsExperience: 'ten', region: 'Not An Id!', extra: '1' });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.') || i.code);
    expect(paths).toEqual(expect.arrayContaining(['yearsExperience', 'region', 'unrecognized_keys']));
    expect(result.error?.issues.find((i) => i.path[0] === 'yearsExperience')?.message).toMatch(/received string/);
  });

  it('keeps every field of the source shape, with its description and example', () => {
    expect(Object.keys(schema.shape)).toEqual(Object.keys(EstimateQuerySchema.shape));
    const meta = z.globalRegistry.get(schema.shape.yearsExperience);
    expect(meta).toMatchObject({ description: expect.any(String), example: 4 });
    expect(z.globalRegistry.get(schema.shape.skills)).toMatchObject({ param: { style: 'form', explode: false } });
  });

  it('does not change the source shape', () => {
    expect(EstimateQuerySchema.safeParse({ yearsExperience: '4' }).success).toBe(false);
  });
});
