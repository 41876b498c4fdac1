import { IdSchema, RegionKindSchema, RegionSchema, UnknownReferenceError } from '@paylens/core';
import * as z from 'zod';
import { defineRoute } from '../routing/define-route.js';

export const RegionListSchema = z
  .object({ regions: z.array(RegionSchema).readonly().meta({ description: 'Matching regions, in data-set order' }) })
  .meta({ id: 'RegionList', description: 'Regions: national, states and metros' });

export const listRegions = defineRoute({
  method: 'get',
  path: '/v1/regions',
  operationId: 'listRegions',
  summary: 'List or search regions',
  tags: ['catalogue'],
  cacheable: true,
  query: z.strictObject({
    kind: RegionKindSchema.optional().meta({ description: 'Only regions of this kind', example: 'metro' }),
    q: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .meta({ description: 'Case-insensitive search in region names', example: 'san francisco' }),
  }),
  response: { schema: RegionListSchema, description: 'The regions matching every filter given' },
  handler: ({ query }, { dataset }) => {
    const q = query.q?.toLowerCase();
    return {
      regions: dataset.regions.all.filter((r) => (!query.kind || r.kind === query.kind) && (!q || r.name.toLowerCase().includes(q))),
    };
  },
});

export const getRegion = defineRoute({
  method: 'get',
  path: '/v1/regions/{id}',
  operationId: 'getRegion',
  summary: 'One region with its indices',
  tags: ['catalogue'],
  cacheable: true,
  params: z.object({ id: IdSchema.meta({ description: 'Region id', example: 'us-ca-san-francisco' }) }),
  response: { schema: RegionSchema, description: 'The region, with its price parity, locality pay and raise rate where known' },
  problems: { 404: 'No region has this id' },
  handler: ({ params }, { dataset }) => {
    const region = dataset.regions.byId[params.id];
    if (!region) throw new UnknownReferenceError('region', params.id, 'id', 'see GET /v1/regions for the ids');
    return region;
  },
});
