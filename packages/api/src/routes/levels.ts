import { IdSchema, LevelSchema, UnknownReferenceError } from '@paylens/core';
import * as z from 'zod';
import { defineRoute } from '../routing/define-route.js';

export const LevelListSchema = z
  .object({
    role: z.string().meta({ description: 'Role the ladder belongs to', example: 'pacs-administrator' }),
    levels: z.array(LevelSchema).readonly().meta({ description: 'The ladder, lowest level first' }),
  })
  .meta({ id: 'LevelList', description: 'The career ladder of one role' });

export const listLevels = defineRoute({
  method: 'get',
  path: '/v1/levels',
  operationId: 'listLevels',
  summary: 'The career ladder of a role',
  tags: ['catalogue'],
  cacheable: true,
  query: z.strictObject({
    role: IdSchema.optional().meta({ description: 'Role id; the data set’s default role when omitted', example: 'pacs-administrator' }),
  }),
  response: { schema: LevelListSchema, description: 'The levels of the role, lowest first, with minimum years' },
  handler: ({ query }, { dataset }) => {
    const roleId = query.role ?? dataset.defaultRoleId;
    const role = dataset.roles.byId[roleId];
    if (!role) throw new UnknownReferenceError('role', roleId, 'role', 'see GET /v1/roles for the ids');
    return { role: role.id, levels: role.levels };
  },
});
