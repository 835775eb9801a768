import {
  type CreateTransferBody,
  type JobFilters,
  refusedTransferAction,
  TRANSFER_ACTIONS,
  type TransferAction,
  type TransferFilters,
  type TransferMode,
  transferActions,
} from '@tcpa/contracts';
import type { Queryable, TenantQueryable } from '@tcpa/db';
import { AppError, notFound } from '../../http/app-error.ts';
import type { AuditEntry } from '../audit/record-audit.ts';
import { lockTransferRow, setTransferState, TRANSFER_COLUMNS, type TransferRow } from './transfers.sql.ts';

/** A user's request in tenant scope: the route's transaction (RLS applies), its audit, and work for after commit. */
export interface TenantWork {
  tx: TenantQueryable;
  audit(entry: AuditEntry): Promise<void>;
  /** Runs once the transaction has committed; never on rollback. */
  afterCommit(work: () => void): void;
}

/** Checks both agents belong to the project and are approved, then queues the transfer. */
export async function insertTransfer(work: TenantWork, projectId: string, body: CreateTransferBody) {
  if (body.sourceAgentId === body.destinationAgentId) {
    throw new AppError('validation_failed', 'Source and destination must be different agents');
  }
  const agents = await work.tx.query<{ id: string; status: string; name: string }>(
    'select id, status, name from agents where project_id = $1 and id = any($2::uuid[])',
    [projectId, [body.sourceAgentId, body.destinationAgentId]],
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
  const [row] = await work.tx.query<TransferRow>(
    `insert into transfers (company_id, project_id, source_agent_id, source_paths, destination_agent_id,
       destination_dir, overwrite, symlinks, filters, bandwidth_limit_bps, priority, max_attempts, created_by, state_reason)
     values (app.company_id(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, app.user_id(), 'waiting to start')
     returning ${TRANSFER_COLUMNS}`,
    [
      projectId,
      body.sourceAgentId,
      body.sourcePaths,
      body.destinationAgentId,
      body.destinationDir,
      body.overwrite,
      body.symlinks,
      body.filters ? JSON.stringify(body.filters) : null,
      body.bandwidthLimitBps ?? null,
      body.priority,
      body.maxAttempts,
    ],
  );
  if (!row) throw new Error('insert returned nothing');
  await work.audit({
    action: 'transfer.created',
    targetType: 'transfer',
    targetId: row.id,
    details: {
      sourceAgentId: body.sourceAgentId,
      destinationAgentId: body.destinationAgentId,
      paths: body.sourcePaths.length,
    },
  });
  return row;
}

/** What a job's run copies into its transfer (a `jobs` row). */
export interface JobTransferDefinition {
  id: string;
  company_id: string;
  project_id: string;
  source_agent_id: string;
  source_paths: string[];
  destination_agent_id: string;
  destination_dir: string;
  overwrite: string;
  symlinks: string;
  mode: TransferMode;
  /** A job's filters: changedSinceLastRun is resolved by the caller into `modifiedAfter`. */
  filters: JobFilters | null;
  bandwidth_limit_bps: number | null;
  priority: number;
  max_attempts: number;
}

/** A job's filters as its transfers take them: changedSinceLastRun is resolved apart (modifiedAfter). */
export function transferFiltersOf(filters: JobFilters | null): TransferFilters | null {
  if (!filters) return null;
  const { changedSinceLastRun: _resolvedApart, ...rest } = filters;
  return Object.keys(rest).length > 0 ? rest : null;
}

/**
 * Queues a job run's transfer, linked by job_id, as any transfer (dispatch, pause, cancel work as
 * usual). The scheduler has no person (no app.company_id()), so the job's own ids are written;
 * the caller has checked its agents.
 */
export async function queueJobTransfer(
  q: Queryable,
  job: JobTransferDefinition,
  run: { createdBy: string | null; modifiedAfter: string | null },
): Promise<TransferRow> {
  const filters = transferFiltersOf(job.filters);
  const [row] = await q.query<TransferRow>(
    `insert into transfers (company_id, project_id, job_id, source_agent_id, source_paths, destination_agent_id,
       destination_dir, overwrite, symlinks, mode, filters, modified_after, bandwidth_limit_bps, priority, max_attempts,
       created_by, state_reason)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 'waiting to start')
     returning ${TRANSFER_COLUMNS}`,
    [
      job.company_id,
      job.project_id,
      job.id,
      job.source_agent_id,
      job.source_paths,
      job.destination_agent_id,
      job.destination_dir,
      job.overwrite,
      job.symlinks,
      job.mode,
      filters ? JSON.stringify(filters) : null,
      run.modifiedAfter,
      job.bandwidth_limit_bps,
      job.priority,
      job.max_attempts,
      run.createdBy,
    ],
  );
  if (!row) throw new Error('insert returned nothing');
  return row;
}

/** Moves the transfer as TRANSFER_ACTIONS says, or refuses (409) when its state does not allow the action. */
export async function changeTransferByAction(
  work: TenantWork,
  projectId: string,
  transferId: string,
  action: TransferAction,
) {
  // Locked: an outcome stored meanwhile cannot slip between the check and the change.
  const current = await lockTransferRow(work.tx, projectId, transferId);
  if (!current) throw notFound('Transfer');
  const allowed = transferActions(current.state);
  if (!allowed.includes(action)) {
    throw new AppError('conflict', refusedTransferAction(action, current.state), { state: current.state, allowed });
  }
  const row = await setTransferState(work.tx, current.id, {
    state: TRANSFER_ACTIONS[action].to,
    reason: TRANSFER_ACTIONS[action].reason,
    resetAttempts: action === 'retry',
  });
  if (!row) throw notFound('Transfer');
  await work.audit({
    action: `transfer.${action}`,
    targetType: 'transfer',
    targetId: row.id,
    details: { from: current.state },
  });
  return row;
}
