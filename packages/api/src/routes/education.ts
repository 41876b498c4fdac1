import { EducationSchema } from '@paylens/core';
import * as z from 'zod';
import { defineRoute } from '../routing/define-route.js';

export const EducationListSchema = z
  .object({
    education: z.array(EducationSchema).readonly().meta({ description: 'Every education value, lowest rank first as in the data' }),
  })
  .meta({ id: 'EducationList', description: 'Education values a profile can name' });

export const listEducation = defineRoute({
  method: 'get',
  path: '/v1/education',
  operationId: 'listEducation',
  summary: 'List education values',
  tags: ['catalogue'],
  cacheable: true,
  response: { schema: EducationListSchema, description: 'Every education value with its rank' },
  handler: (_input, { dataset }) => ({ education: dataset.education.all }),
});
