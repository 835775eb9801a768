import { HealthSchema } from '@tcpa/contracts';
import { publicRoute } from '../../http/route.ts';

export const healthRoutes = [
  publicRoute({
    method: 'get',
    path: '/api/v1/health',
    summary: 'Server version and database status (503 while the database is unreachable)',
    tags: ['health'],
    response: HealthSchema,
    // Load balancers and probes read the status code, not the body.
    statusOf: (health) => (health.status === 'ok' ? 200 : 503),
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
