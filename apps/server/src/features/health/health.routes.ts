import { HealthSchema } from '@tcpa/contracts';
import type { Database } from '@tcpa/db';
import { publicRoute } from '../../http/route.ts';

/** Reachable at all, whoever asks: the health check runs before any caller is known. */
function pingDatabaseAsService(database: Database): Promise<boolean> {
  return database
    .unsafeAsOwner((tx) => tx.query('select 1'))
    .then(() => true)
    .catch(() => false);
}

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
      const reachable = await pingDatabaseAsService(deps.database);
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
