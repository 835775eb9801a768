import type { TransferFileResult } from '@tcpa/contracts';
import type { Queryable } from '@tcpa/db';
import { TRANSFER_COLUMNS, type TransferRow } from './transfers.sql.ts';

/** The transfer if this agent runs it and it is running; locked for the outcome. */
export async function runningByAsService(
  tx: Queryable,
  transferId: string,
  agentId: string,
  lock: '' | 'for no key update',
) {
  const [row] = await tx.query<TransferRow>(
    `select ${TRANSFER_COLUMNS} from transfers where id = $1 and runner_agent_id = $2
       and state in ('running', 'verifying') ${lock}`,
    [transferId, agentId],
  );
  return row;
}

/** Upserts by path: a page stored twice (resent after a reconnection) counts once. */
export async function recordFilesAsService(tx: Queryable, transfer: TransferRow, files: TransferFileResult[]) {
  if (files.length === 0) return;
  await tx.query(
    `insert into transfer_files (transfer_id, company_id, project_id, path, size, sha256, status, error, source_deleted)
     select $1, $2, $3, f.path, f.size, f.sha256, f.status, f.error, f.source_deleted
     from unnest($4::text[], $5::bigint[], $6::text[], $7::text[], $8::text[], $9::boolean[])
       as f(path, size, sha256, status, error, source_deleted)
     on conflict (transfer_id, path) do update set size = excluded.size, sha256 = excluded.sha256,
       status = excluded.status, error = excluded.error,
       -- Once deleted at the source, a file stays so: a later page cannot bring it back.
       source_deleted = transfer_files.source_deleted or excluded.source_deleted
     -- A file an earlier attempt delivered is found identical by the next one: it stays delivered.
     where not (transfer_files.status = 'done' and excluded.status = 'skipped'
                and transfer_files.sha256 is not distinct from excluded.sha256)`,
    [
      transfer.id,
      transfer.company_id,
      transfer.project_id,
      files.map((f) => f.path),
      files.map((f) => f.size),
      files.map((f) => f.sha256),
      files.map((f) => f.status),
      files.map((f) => f.error),
      files.map((f) => f.sourceDeleted ?? false),
    ],
  );
}

/**
 * Progress writes are throttled, so the last one may be missing: a success's files, stored page by
 * page before its outcome, give the totals.
 */
export async function recordTotalsAsService(tx: Queryable, transferId: string) {
  await tx.query(
    `with stored as (select count(*)::int as files, coalesce(sum(size), 0)::bigint as bytes
                       -- A mirror's deletions are no part of what was sent.
                       from transfer_files where transfer_id = $1 and status <> 'deleted')
     update transfers set bytes_total = greatest(stored.bytes, coalesce(bytes_total, 0)),
       bytes_done = greatest(stored.bytes, coalesce(bytes_total, 0)),
       files_total = greatest(stored.files, coalesce(files_total, 0)),
       files_done = greatest(stored.files, coalesce(files_total, 0))
     from stored where id = $1`,
    [transferId],
  );
}

/**
 * The transfers this agent says it runs or has finished (reports on their way), still open here:
 * they are its again (a queued one goes back to running, without a new attempt), so its reports count.
 */
export async function adoptReportedAsService(
  tx: Queryable,
  agentId: string,
  known: Array<{ transferId: string; state: 'running' | 'finished' }>,
) {
  // One the agent still runs but that waits for its destination (offline, or cut off while the
  // control plane was away) stays queued, saying so: its attempt cannot move until that is back.
  return tx.query<TransferRow & { was_queued: boolean }>(
    `with known as (select t.id as known_id, t.state = 'queued' as was_queued from transfers t
                     left join agents d on d.id = t.destination_agent_id and t.source_agent_id is not null
                     where t.runner_agent_id = $1 and t.id = any($2::uuid[]) and t.state in ('queued', 'running', 'verifying')
                       and (t.state <> 'queued' or t.id = any($3::uuid[]) or d.online or d.id is null)
                     for update of t)
     update transfers set state = case when known.was_queued then 'running' else state end,
       state_reason = case when known.was_queued then null else state_reason end,
       waiting_for = case when known.was_queued then null else waiting_for end,
       -- The attempt a requeue gave back runs on: it counts again.
       attempts = case when known.was_queued then least(attempts + 1, max_attempts) else attempts end,
       updated_at = now()
     from known where id = known.known_id
     returning ${TRANSFER_COLUMNS}, known.was_queued`,
    [
      agentId,
      known.map((entry) => entry.transferId),
      known.filter((entry) => entry.state === 'finished').map((entry) => entry.transferId),
    ],
  );
}

export interface TransferChange {
  state?: TransferRow['state'];
  reason: string | null;
  stats?: Record<string, unknown> | null;
  done?: boolean;
  retryInSeconds?: number;
}

export async function changeTransferAsService(
  tx: Queryable,
  transferId: string,
  change: TransferChange,
): Promise<TransferRow> {
  const [row] = await tx.query<TransferRow>(
    `update transfers set state = coalesce($2, state), state_reason = $3, stats = coalesce($4, stats),
       finished_at = case when $5 then now() else finished_at end, waiting_for = null,
       waiting_since = case when $5 then null else waiting_since end,
       next_attempt_at = now() + make_interval(secs => $6), updated_at = now(),
       -- One that succeeded ran at least once, even if a requeue gave its attempt back meanwhile.
       attempts = case when $2 = 'succeeded' then greatest(attempts, 1) else attempts end
     where id = $1 returning ${TRANSFER_COLUMNS}`,
    [
      transferId,
      change.state ?? null,
      change.reason,
      change.stats ?? null,
      change.done ?? false,
      change.retryInSeconds ?? 0,
    ],
  );
  if (!row) throw new Error(`transfer ${transferId} vanished`);
  return row;
}

/**
 * Puts a transfer back in the queue after a failure that passes by itself, without using up the
 * attempt, to retry after a backoff that grows with the wait (5 s to 60 s); undefined once it has
 * waited `limitSeconds` since the first such failure in a row (then it fails for good).
 */
export async function waitTransientAsService(
  tx: Queryable,
  transferId: string,
  waitingFor: string,
  limitSeconds: number,
): Promise<TransferRow | undefined> {
  const [row] = await tx.query<TransferRow>(
    `update transfers set state = 'queued', attempts = greatest(attempts - 1, 0), waiting_for = $2,
       waiting_since = coalesce(waiting_since, now()), updated_at = now(),
       state_reason = 'waiting: ' || $2 || '; retrying without using an attempt',
       next_attempt_at = now() + make_interval(secs =>
         least(60, greatest(5, extract(epoch from now() - coalesce(waiting_since, now())) / 2)))
     where id = $1 and coalesce(waiting_since, now()) > now() - make_interval(secs => $3)
     returning ${TRANSFER_COLUMNS}`,
    [transferId, waitingFor, limitSeconds],
  );
  return row;
}

/**
 * Puts running transfers of an agent back in the queue; `except` those still running here. An
 * agent leaving or restarting passes by itself: the attempt is not used up, and the transfer says
 * what it waits for (`waitingFor`, null when the agent is back already).
 */
export async function requeueRunningAsService(
  tx: Queryable,
  agentId: string,
  options: {
    asSourceOnly: boolean;
    except: string[];
    reason: { source: string; destination: string };
    waitingFor: { source: string; destination: string } | null;
  },
): Promise<TransferRow[]> {
  return tx.query<TransferRow>(
    `update transfers set state = 'queued', next_attempt_at = now(), updated_at = now(),
       attempts = greatest(attempts - 1, 0),
       state_reason = case when source_agent_id = $1 then $4 else $5 end,
       waiting_for = case when source_agent_id = $1 then $6 else $7 end,
       waiting_since = case when $6::text is null then waiting_since else coalesce(waiting_since, now()) end
     where (runner_agent_id = $1 or (not $2 and destination_agent_id = $1))
       and state in ('running', 'verifying') and not (id = any($3::uuid[]))
     returning ${TRANSFER_COLUMNS}`,
    [
      agentId,
      options.asSourceOnly,
      options.except,
      options.reason.source,
      options.reason.destination,
      options.waitingFor?.source ?? null,
      options.waitingFor?.destination ?? null,
    ],
  );
}

/** Running transfers without a word for `stallSeconds` whose runner is one of `agentIds` (bounded by what runs). */
export async function stalledRunningAsService(
  tx: Queryable,
  agentIds: string[],
  stallSeconds: number,
): Promise<Array<{ id: string; runner_agent_id: string; attempt_seq: number }>> {
  return tx.query(
    `select id, runner_agent_id, attempt_seq from transfers
     where state in ('running', 'verifying') and runner_agent_id = any($1::uuid[])
       and updated_at < now() - make_interval(secs => $2)`,
    [agentIds, stallSeconds],
  );
}

/** A running transfer its runner agent no longer runs goes back in the queue (attempt not used up). */
export async function requeueStalledAsService(
  tx: Queryable,
  transferId: string,
  runnerAgentId: string,
  attemptSeq: number,
): Promise<TransferRow | undefined> {
  const [row] = await tx.query<TransferRow>(
    `update transfers set state = 'queued', next_attempt_at = now(), updated_at = now(),
       attempts = greatest(attempts - 1, 0),
       state_reason = 'no progress, and the agent running it no longer does; the transfer resumes'
     where id = $1 and runner_agent_id = $2 and attempt_seq = $3 and state in ('running', 'verifying')
     returning ${TRANSFER_COLUMNS}`,
    [transferId, runnerAgentId, attemptSeq],
  );
  return row;
}
