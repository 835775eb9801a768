import {
  CreateTransferBodySchema,
  IdSchema,
  refusedTransferAction,
  TRANSFER_ACTIONS,
  type TransferAction,
  TransferActionSchema,
  TransferDetailSchema,
  TransferListQuerySchema,
  TransferListSchema,
  TransferSchema,
  transferActions,
} from '@tcpa/contracts';
import { z } from 'zod';
import { AppError, notFound } from '../../http/app-error.ts';
import { type TenantContext, tenantRoute } from '../../http/route.ts';
import {
  getTransferRow,
  lockTransferRow,
  setTransferState,
  TRANSFER_COLUMNS,
  type TransferRow,
  toTransfer,
  transferChanged,
} from './transfers.sql.ts';
import { listDecisions } from './tuning.sql.ts';

const tags = ['transfers'];
const ProjectParams = z.strictObject({ projectId: IdSchema });
const TransferParams = z.strictObject({ projectId: IdSchema, transferId: IdSchema });

function publishTransfer(ctx: TenantContext<z.ZodObject, z.ZodObject, z.ZodType>, row: TransferRow) {
  ctx.afterCommit(() => ctx.deps.bus.publish(transferChanged(row)));
}

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
      // Locked: an outcome stored meanwhile cannot slip between the check and the change.
      const current = await lockTransferRow(ctx.tx, ctx.params.projectId, ctx.params.transferId);
      if (!current) throw notFound('Transfer');
      const allowed = transferActions(current.state);
      if (!allowed.includes(action)) {
        throw new AppError('conflict', refusedTransferAction(action, current.state), { state: current.state, allowed });
      }
      const row = await setTransferState(ctx.tx, current.id, {
        state: TRANSFER_ACTIONS[action].to,
        reason: TRANSFER_ACTIONS[action].reason,
        resetAttempts: action === 'retry',
      });
      if (!row) throw notFound('Transfer');
      await ctx.audit({
        action: `transfer.${action}`,
        targetType: 'transfer',
        targetId: row.id,
        details: { from: current.state },
      });
      publishTransfer(ctx as never, row);
      return toTransfer(row);
    },
  });
}

export const transferRoutes = [
  tenantRoute({
    method: 'post',
    path: '/api/v1/projects/:projectId/transfers',
    summary: 'Start a transfer from one agent to another (it waits in the queue until both can run it)',
    tags,
    access: { kind: 'project', permission: 'transfers:write', param: 'projectId' },
    params: ProjectParams,
    body: CreateTransferBodySchema,
    response: TransferSchema,
    status: 201,
    async handler(ctx) {
      const { body, params, tx } = ctx;
      if (body.sourceAgentId === body.destinationAgentId) {
        throw new AppError('validation_failed', 'Source and destination must be different agents');
      }
      const agents = await tx.query<{ id: string; status: string; name: string }>(
        'select id, status, name from agents where project_id = $1 and id = any($2::uuid[])',
        [params.projectId, [body.sourceAgentId, body.destinationAgentId]],
      );
      for (const [role, id] of [
        ['Source', body.sourceAgentId],
        ['Destination', body.destinationAgentId],
      ] as const) {
        const agent = agents.find((a) => a.id === id);
        if (!agent) throw new AppError('not_found', `${role} agent not found in this project`);
        if (agent.status !== 'active') {
          throw new AppError('conflict', `${role} agent "${agent.name}" is ${agent.status}: approve it first`);
        }
      }
      const [row] = await tx.query<TransferRow>(
        `insert into transfers (company_id, project_id, source_agent_id, source_paths, destination_agent_id,
           destination_dir, overwrite, symlinks, bandwidth_limit_bps, priority, max_attempts, created_by, state_reason)
         values (app.company_id(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, app.user_id(), 'waiting to start')
         returning ${TRANSFER_COLUMNS}`,
        [
          params.projectId,
          body.sourceAgentId,
          body.sourcePaths,
          body.destinationAgentId,
          body.destinationDir,
          body.overwrite,
          body.symlinks,
          body.bandwidthLimitBps ?? null,
          body.priority,
          body.maxAttempts,
        ],
      );
      if (!row) throw new Error('insert returned nothing');
      await ctx.audit({
        action: 'transfer.created',
        targetType: 'transfer',
        targetId: row.id,
        details: {
          sourceAgentId: body.sourceAgentId,
          destinationAgentId: body.destinationAgentId,
          paths: body.sourcePaths.length,
        },
      });
      publishTransfer(ctx as never, row);
      return toTransfer(row);
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
      const files = await tx.query<{
        path: string;
        size: number;
        sha256: string | null;
        status: 'done';
        error: string | null;
      }>(
        'select path, size, sha256, status, error from transfer_files where transfer_id = $1 order by path limit 10000',
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
