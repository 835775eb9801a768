import {
  CreateTransferBodySchema,
  IdSchema,
  TRANSFER_ACTIONS,
  type TransferAction,
  TransferActionSchema,
  TransferDetailSchema,
  type TransferFileSchema,
  TransferListQuerySchema,
  TransferListSchema,
  TransferSchema,
} from '@tcpa/contracts';
import { z } from 'zod';
import { notFound } from '../../http/app-error.ts';
import { requireProjectPermission, tenantRoute } from '../../http/route.ts';
import { getTransferRow, TRANSFER_COLUMNS, type TransferRow, toTransfer } from './transfers.sql.ts';
import { listDecisions } from './tuning.sql.ts';

const tags = ['transfers'];
type TransferFile = z.infer<typeof TransferFileSchema>;
const ProjectParams = z.strictObject({ projectId: IdSchema });
const TransferParams = z.strictObject({ projectId: IdSchema, transferId: IdSchema });

function actionRoute(action: TransferAction) {
  return tenantRoute({
    method: 'post',
    path: `/api/v1/projects/:projectId/transfers/:transferId/${action}`,
    summary: `${action[0]?.toUpperCase()}${action.slice(1)} a transfer (one that is ${TRANSFER_ACTIONS[action].from.join(', ')})`,
    tags,
    access: { kind: 'project', permission: 'transfers:write', param: 'projectId' },
    params: TransferParams,
    response: TransferSchema,
    async handler(ctx) {
      return ctx.deps.transfers.applyAction(ctx, ctx.params.projectId, ctx.params.transferId, action);
    },
  });
}

export const transferRoutes = [
  tenantRoute({
    method: 'post',
    path: '/api/v1/projects/:projectId/transfers',
    summary:
      'Start a transfer from one agent to another, or between an agent and a storage location (it waits in the queue until its agents can run it)',
    tags,
    access: { kind: 'project', permission: 'transfers:write', param: 'projectId' },
    params: ProjectParams,
    body: CreateTransferBodySchema,
    response: TransferSchema,
    status: 201,
    async handler(ctx) {
      // Naming a storage location reads it (its bucket, where data goes): as the storage page does.
      if (ctx.body.sourceLocationId !== undefined || ctx.body.destinationLocationId !== undefined) {
        await requireProjectPermission(ctx, ctx.params.projectId, 'storage:read');
      }
      return ctx.deps.transfers.createTransfer(ctx, ctx.params.projectId, ctx.body);
    },
  }),

  tenantRoute({
    method: 'get',
    path: '/api/v1/projects/:projectId/transfers',
    summary: "List a project's transfers, newest first",
    tags,
    access: { kind: 'project', permission: 'transfers:read', param: 'projectId' },
    params: ProjectParams,
    query: TransferListQuerySchema,
    response: TransferListSchema,
    async handler({ tx, params, query }) {
      const rows = await tx.query<TransferRow>(
        `select ${TRANSFER_COLUMNS} from transfers
         where project_id = $1 and ($2::text is null or state = $2)
           and ($3::uuid is null or source_agent_id = $3 or destination_agent_id = $3)
         order by created_at desc limit $4`,
        [params.projectId, query.state ?? null, query.agentId ?? null, query.limit],
      );
      return { transfers: rows.map(toTransfer) };
    },
  }),

  tenantRoute({
    method: 'get',
    path: '/api/v1/projects/:projectId/transfers/:transferId',
    summary: "Get a transfer with its files and the tuner's decisions",
    tags,
    access: { kind: 'project', permission: 'transfers:read', param: 'projectId' },
    params: TransferParams,
    response: TransferDetailSchema,
    async handler({ tx, params }) {
      const row = await getTransferRow(tx, params.projectId, params.transferId);
      if (!row) throw notFound('Transfer');
      const files = await tx.query<TransferFile>(
        `select path, size, sha256, status, error, source_deleted as "sourceDeleted" from transfer_files
         where transfer_id = $1 order by path limit 10000`,
        [row.id],
      );
      return {
        transfer: toTransfer(row),
        files: files.map((f) => ({ ...f, size: Number(f.size) })),
        decisions: await listDecisions(tx, row.id),
      };
    },
  }),

  ...TransferActionSchema.options.map(actionRoute),
];
