import { buildCareerPath, CareerPathQuerySchema, CareerPathSchema, IdSchema } from '@paylens/core';
import * as z from 'zod';
import { defineRoute } from '../routing/define-route.js';
import { toQuerySchema } from '../routing/query-schema.js';

const { role: _role, ...personShape } = CareerPathQuerySchema.shape;

export const getCareerPath = defineRoute({
  method: 'get',
  path: '/v1/career-paths/{role}',
  operationId: 'getCareerPath',
  summary: 'A role’s career ladder, and the next step for a person',
  description:
    'Every step of the ladder with its minimum years, base pay (p25/p50/p75) in the region, required skills and education, ' +
    'each marked as sourced or judgement; pay is null where no source gives a figure (director). With yearsExperience, ' +
    'also where the person stands, the next step, what is missing and a readiness score with its working. ' +
    'Lists are comma-separated: skills=dicom,hl7.',
  tags: ['insights'],
  params: z.object({ role: IdSchema.meta({ description: 'Role id', example: 'pacs-administrator' }) }),
  query: toQuerySchema(personShape),
  response: { schema: CareerPathSchema, description: 'The ladder, and the person’s position on it when yearsExperience is given' },
  problems: { 404: 'No role has this id' },
  handler: ({ params, query }, { dataset }) => buildCareerPath(dataset, { ...query, role: params.role }),
});
