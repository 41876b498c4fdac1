/**
 * Types of the PayLens HTTP API for a typed client, generated with openapi-typescript from the
 * OpenAPI document the API serves (`/openapi.json`). Types only: use them with openapi-fetch, or
 * any fetch wrapper that takes openapi-typescript's `paths`.
 *
 * @example
 * import createClient from 'openapi-fetch';
 * import type { paths } from '@paylens/api/client';
 * const paylens = createClient<paths>({ baseUrl: 'http://localhost:3000' });
 * const { data } = await paylens.GET('/v1/estimates', { params: { query: { level: 'mid' } } });
 *
 * @module @paylens/api/client
 */
import type { components } from './generated/openapi.js';

export type { components, operations, paths } from './generated/openapi.js';

/** Every named schema of the API, by name: `Schemas['Estimate']`, `Schemas['Problem']`, … */
export type Schemas = components['schemas'];
