import type { Transfer, TransferState } from '@tcpa/contracts';
import type { Queryable } from '@tcpa/db';
import type { FleetEvent } from '../realtime/event-bus.ts';

/** A transfer's or a job's two sides: an agent and its paths, or a storage location and a prefix. */
export interface EndpointColumns {
  source_agent_id: string | null;
  source_paths: string[] | null;
  source_location_id: string | null;
  source_prefix: string | null;
  destination_agent_id: string | null;
  destination_dir: string | null;
  destination_location_id: string | null;
  destination_prefix: string | null;
}

export interface TransferRow extends EndpointColumns {
  id: string;
  company_id: string;
  project_id: string;
  job_id: string | null;
  store_label: string | null;
  /** The agent that runs it: the source, or the destination when the source is a location (migration 027). */
  runner_agent_id: string;
  overwrite: Transfer['overwrite'];
  symlinks: Transfer['symlinks'];
  mode: Transfer['mode'];
  filters: Transfer['filters'];
  /** Only files modified after this are sent (a job's changedSinceLastRun, resolved when it fired). */
  modified_after: string | null;
  bandwidth_limit_bps: number | null;
  priority: number;
  state: TransferState;
  state_reason: string | null;
  attempts: number;
  max_attempts: number;
  /** Every start counts, never reset (see migration 010): names the attempt in transfer tokens. */
  attempt_seq: number;
  waiting_for: string | null;
  waiting_since: string | null;
  bytes_total: number | null;
  bytes_done: number;
  files_total: number | null;
  files_done: number;
  rate_bps: number | null;
  stats: Record<string, unknown> | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export const TRANSFER_COLUMNS = `id, company_id, project_id, job_id, source_agent_id, source_paths, source_location_id,
  source_prefix, destination_agent_id, destination_dir, destination_location_id, destination_prefix, store_label,
  runner_agent_id, overwrite, symlinks, mode, filters, modified_after, bandwidth_limit_bps, priority, state, state_reason, attempts, max_attempts, attempt_seq,
  waiting_for, waiting_since, bytes_total, bytes_done, files_total, files_done, rate_bps, stats, created_at, started_at, finished_at`;

export function toTransfer(row: TransferRow): Transfer {
  const remaining = row.bytes_total === null ? null : Math.max(0, Number(row.bytes_total) - Number(row.bytes_done));
  return {
    id: row.id,
    projectId: row.project_id,
    jobId: row.job_id,
    sourceAgentId: row.source_agent_id,
    sourcePaths: row.source_paths,
    sourceLocationId: row.source_location_id,
    sourcePrefix: row.source_prefix,
    destinationAgentId: row.destination_agent_id,
    destinationDir: row.destination_dir,
    destinationLocationId: row.destination_location_id,
    destinationPrefix: row.destination_prefix,
    storeLabel: row.store_label,
    overwrite: row.overwrite,
    symlinks: row.symlinks,
    mode: row.mode,
    filters: row.filters,
    bandwidthLimitBps: row.bandwidth_limit_bps === null ? null : Number(row.bandwidth_limit_bps),
    priority: row.priority,
    state: row.state,
    stateReason: row.state_reason,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    // Only a queued transfer waits; a running one keeps the start of the wait until it progresses.
    waitingFor: row.state === 'queued' ? row.waiting_for : null,
    waitingSince: row.state === 'queued' && row.waiting_for ? row.waiting_since : null,
    bytesTotal: row.bytes_total === null ? null : Number(row.bytes_total),
    bytesDone: Number(row.bytes_done),
    filesTotal: row.files_total,
    filesDone: row.files_done,
    rateBps: row.rate_bps,
    etaSeconds:
      row.state === 'running' && remaining !== null && row.rate_bps ? Math.ceil((remaining * 8) / row.rate_bps) : null,
    stats: row.stats,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

export function transferChanged(row: TransferRow): FleetEvent {
  return {
    type: 'transfer_changed',
    companyId: row.company_id,
    projectId: row.project_id,
    transfer: toTransfer(row),
    attempt: row.attempt_seq,
  };
}

export async function getTransferRow(tx: Queryable, projectId: string, transferId: string) {
  const [row] = await tx.query<TransferRow>(
    `select ${TRANSFER_COLUMNS} from transfers where project_id = $1 and id = $2`,
    [projectId, transferId],
  );
  return row;
}

/** The same row, locked until the transaction ends (for a change that depends on its state). */
export async function lockTransferRow(tx: Queryable, projectId: string, transferId: string) {
  const [row] = await tx.query<TransferRow>(
    `select ${TRANSFER_COLUMNS} from transfers where project_id = $1 and id = $2 for update`,
    [projectId, transferId],
  );
  return row;
}

export async function setTransferState(
  tx: Queryable,
  transferId: string,
  change: { state: TransferState; reason: string | null; resetAttempts?: boolean },
) {
  const [row] = await tx.query<TransferRow>(
    `update transfers set state = $2, state_reason = $3, updated_at = now(), waiting_for = null, waiting_since = null,
       attempts = case when $4 then 0 else attempts end,
       next_attempt_at = case when $2 = 'queued' then now() else next_attempt_at end,
       finished_at = case when $2 in ('succeeded', 'failed', 'canceled') then now() else null end
     where id = $1 returning ${TRANSFER_COLUMNS}`,
    [transferId, change.state, change.reason, change.resetAttempts ?? false],
  );
  return row;
}
