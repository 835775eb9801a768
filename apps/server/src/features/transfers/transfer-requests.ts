import {
  type CreateTransferBody,
  type JobFilters,
  refusedTransferAction,
  storeLabelOf,
  TRANSFER_ACTIONS,
  type TransferAction,
  type TransferFilters,
  transferActions,
} from '@tcpa/contracts';
import type { TenantQueryable } from '@tcpa/db';
import { AppError, notFound } from '../../http/app-error.ts';
import type { AuditEntry } from '../audit/record-audit.ts';
import { getLocation } from '../storage/storage-locations.sql.ts';
import { lockTransferRow, setTransferState, TRANSFER_COLUMNS, type TransferRow } from './transfers.sql.ts';

/** A user's request in tenant scope: the route's transaction (RLS applies), its audit, and work for after commit. */
export interface TenantWork {
  tx: TenantQueryable;
  audit(entry: AuditEntry): Promise<void>;
  /** Runs once the transaction has committed; never on rollback. */
  afterCommit(work: () => void): void;
}

/**
 * Checks each side (an approved agent of the project, or a storage location of it), then queues
 * the transfer. The route has checked the body names one agent at least, and storage:read when it
 * names a location.
 */
export async function insertTransfer(work: TenantWork, projectId: string, body: CreateTransferBody) {
  if (body.sourceAgentId !== undefined && body.sourceAgentId === body.destinationAgentId) {
    throw new AppError('validation_failed', 'Source and destination must be different agents');
  }
  await checkAgents(work, projectId, body);
  const source = body.sourceLocationId
    ? await locationOf(work, projectId, 'Source', body.sourceLocationId, body.sourcePrefix ?? '')
    : null;
  const destination = body.destinationLocationId
    ? await locationOf(work, projectId, 'Destination', body.destinationLocationId, body.destinationPrefix ?? '')
    : null;
  const [row] = await work.tx.query<TransferRow>(
    `insert into transfers (company_id, project_id, source_agent_id, source_paths, source_location_id, source_prefix,
       destination_agent_id, destination_dir, destination_location_id, destination_prefix, store_label,
       overwrite, symlinks, filters, bandwidth_limit_bps, priority, max_attempts, created_by, state_reason)
     values (app.company_id(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, app.user_id(),
       'waiting to start')
     returning ${TRANSFER_COLUMNS}`,
    [
      projectId,
      body.sourceAgentId ?? null,
      body.sourcePaths ?? null,
      source?.id ?? null,
      source ? (body.sourcePrefix ?? '') : null,
      body.destinationAgentId ?? null,
      body.destinationDir ?? null,
      destination?.id ?? null,
      destination ? (body.destinationPrefix ?? '') : null,
      source?.label ?? destination?.label ?? null,
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
      sourceAgentId: row.source_agent_id,
      sourceLocationId: row.source_location_id,
      destinationAgentId: row.destination_agent_id,
      destinationLocationId: row.destination_location_id,
      ...(row.store_label && { store: row.store_label }),
      paths: row.source_paths?.length ?? 0,
    },
  });
  return row;
}

async function checkAgents(work: TenantWork, projectId: string, body: CreateTransferBody) {
  const named = [
    ['Source', body.sourceAgentId],
    ['Destination', body.destinationAgentId],
  ] as const;
  const ids = named.flatMap(([, id]) => (id === undefined ? [] : [id]));
  const agents = await work.tx.query<{ id: string; status: string; name: string }>(
    'select id, status, name from agents where project_id = $1 and id = any($2::uuid[])',
    [projectId, ids],
  );
  for (const [role, id] of named) {
    if (id === undefined) continue;
    const agent = agents.find((a) => a.id === id);
    if (!agent) throw new AppError('not_found', `${role} agent not found in this project`);
    if (agent.status !== 'active') {
      throw new AppError('conflict', `${role} agent "${agent.name}" is ${agent.status}: approve it first`);
    }
  }
}

async function locationOf(
  work: TenantWork,
  projectId: string,
  role: 'Source' | 'Destination',
  locationId: string,
  transferPrefix: string,
) {
  const location = await getLocation(work.tx, projectId, locationId);
  if (!location) throw new AppError('not_found', `${role} storage location not found in this project`);
  return { id: location.id, label: storeLabelOf(location, transferPrefix) };
}

/** A job's filters as its transfers take them: changedSinceLastRun is resolved apart (modifiedAfter). */
export function transferFiltersOf(filters: JobFilters | null): TransferFilters | null {
  if (!filters) return null;
  const { changedSinceLastRun: _resolvedApart, ...rest } = filters;
  return Object.keys(rest).length > 0 ? rest : null;
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
