import { HttpProblem } from '../middleware/http-problem.js';
import { defineRoute } from '../routing/define-route.js';
import { HealthSchema, ReadinessSchema } from '../schemas/health.js';

export const healthz = defineRoute({
  method: 'get',
  path: '/healthz',
  operationId: 'healthz',
  summary: 'Liveness',
  tags: ['operations'],
  response: { schema: HealthSchema, description: 'The process is up' },
  handler: () => ({ status: 'ok' as const }),
});

export const readyz = defineRoute({
  method: 'get',
  path: '/readyz',
  operationId: 'readyz',
  summary: 'Readiness',
  tags: ['operations'],
  response: { schema: ReadinessSchema, description: 'The data set is loaded and requests are accepted' },
  problems: { 503: 'The server is shutting down and accepts no new work' },
  handler: (_input, { dataset, isReady }) => {
    if (!isReady()) throw new HttpProblem(503, 'Not ready', 'The server is shutting down', { 'Retry-After': '5' });
    return {
      status: 'ready' as const,
      dataset: { roles: dataset.roles.all.length, regions: dataset.regions.all.length, sources: dataset.sources.all.length },
    };
  },
});
