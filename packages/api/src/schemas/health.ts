import * as z from 'zod';

export const HealthSchema = z
  .object({ status: z.literal('ok').meta({ description: 'Always ok while the process answers', example: 'ok' }) })
  .meta({ id: 'Health', description: 'Liveness: the process is up' });

export const ReadinessSchema = z
  .object({
    status: z.literal('ready').meta({ description: 'ready: the data set is loaded and requests are accepted', example: 'ready' }),
    dataset: z
      .object({
        roles: z.number().int().meta({ description: 'Roles loaded', example: 1 }),
        regions: z.number().int().meta({ description: 'Regions loaded', example: 60 }),
        sources: z.number().int().meta({ description: 'Sources loaded', example: 12 }),
      })
      .meta({ description: 'Size of the data set being served' }),
  })
  .meta({ id: 'Readiness', description: 'Readiness: the data set is loaded and the server is not draining' });
