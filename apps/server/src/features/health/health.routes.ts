import { HealthSchema } from '@tcpa/contracts';
import { publicRoute } from '../../http/route.ts';

export const healthRoutes = [
  publicRoute({
    method: 'get',
    path: '/api/v1/health',
    summary: 'Server version and database status',
    tags: ['health'],
    response: HealthSchema,
    async handler({ deps }) {
      const started = performance.now();
      const reachable = await deps.database
        .unsafeAsOwner((tx) => tx.query('select 1'))
        .then(() => true)
        .catch(() => false);
      return {
        status: reachable ? ('ok' as const) : ('degraded' as const),
        version: deps.version,
        database: {
          kind: deps.database.kind,
          status: reachable ? ('ok' as const) : ('unreachable' as const),
          latencyMs: reachable ? Math.round((performance.now() - started) * 100) / 100 : null,
        },
      };
    },
  }),
];
