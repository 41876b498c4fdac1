import { SourceSchema } from '@paylens/core';
import * as z from 'zod';
import { defineRoute } from '../routing/define-route.js';

export const SourceListSchema = z
  .object({ sources: z.array(SourceSchema).readonly().meta({ description: 'Every source the data set cites' }) })
  .meta({ id: 'SourceList', description: 'The sources behind every figure' });

export const listSources = defineRoute({
  method: 'get',
  path: '/v1/sources',
  operationId: 'listSources',
  summary: 'List sources with title, publisher, date and url',
  tags: ['catalogue'],
  cacheable: true,
  response: { schema: SourceListSchema, description: 'Every source' },
  handler: (_input, { dataset }) => ({ sources: dataset.sources.all }),
});
