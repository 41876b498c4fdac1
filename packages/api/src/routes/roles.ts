import { IdSchema, RoleSchema, UnknownReferenceError } from '@paylens/core';
import * as z from 'zod';
import { defineRoute } from '../routing/define-route.js';

export const RoleListSchema = z
  .object({ roles: z.array(RoleSchema).readonly().meta({ description: 'Every role of the data set, each with its ladder' }) })
  .meta({ id: 'RoleList', description: 'The roles of the data set' });

export const listRoles = defineRoute({
  method: 'get',
  path: '/v1/roles',
  operationId: 'listRoles',
  summary: 'List roles with their levels',
  tags: ['catalogue'],
  cacheable: true,
  response: { schema: RoleListSchema, description: 'Every role, with its ladder of levels' },
  handler: (_input, { dataset }) => ({ roles: dataset.roles.all }),
});

export const getRole = defineRoute({
  method: 'get',
  path: '/v1/roles/{id}',
  operationId: 'getRole',
  summary: 'One role with its levels',
  tags: ['catalogue'],
  cacheable: true,
  params: z.object({ id: IdSchema.meta({ description: 'Role id', example: 'pacs-administrator' }) }),
  response: { schema: RoleSchema, description: 'The role, with its ladder of levels' },
  problems: { 404: 'No role has this id' },
  handler: ({ params }, { dataset }) => {
    const role = dataset.roles.byId[params.id];
    if (!role) throw new UnknownReferenceError('role', params.id, 'id', 'see GET /v1/roles for the ids');
    return role;
  },
});
