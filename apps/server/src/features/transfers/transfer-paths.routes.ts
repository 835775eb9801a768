import { IdSchema, TransferPathListSchema } from '@tcpa/contracts';
import { z } from 'zod';
import { tenantRoute } from '../../http/route.ts';
import { listPaths } from './tuning.sql.ts';

export const transferPathRoutes = [
  tenantRoute({
    method: 'get',
    path: '/api/v1/projects/:projectId/transfer-paths',
    summary: 'What worked per path (source agent → destination agent): the tuner of the next transfer starts from it',
    tags: ['transfers'],
    access: { kind: 'project', permission: 'transfers:read', param: 'projectId' },
    params: z.strictObject({ projectId: IdSchema }),
    response: TransferPathListSchema,
    async handler({ tx, params }) {
      return { paths: await listPaths(tx, params.projectId) };
    },
  }),
];
