import type { Queryable } from '@tcpa/db';
import { transferFiltersOf } from '../transfers/transfer-requests.ts';
import { TRANSFER_COLUMNS, type TransferRow } from '../transfers/transfers.sql.ts';
import type { JobRow } from './jobs.sql.ts';

/** changedSinceLastRun's cut-off (see modifiedAfterOf) for many jobs at once, by job id. */
async function modifiedAfterByJob(q: Queryable, jobs: JobRow[]): Promise<Map<string, string>> {
  const ids = jobs.filter((job) => job.filters?.changedSinceLastRun).map((job) => job.id);
  if (ids.length === 0) return new Map();
  const rows = await q.query<{ job_id: string; started_at: string }>(
    `select distinct on (job_id) job_id, started_at from transfers
     where job_id = any($1::uuid[]) and state = 'succeeded' and started_at is not null
     order by job_id, started_at desc`,
    [ids],
  );
  return new Map(rows.map((row) => [row.job_id, row.started_at]));
}

/**
 * Queues one transfer for each of the given jobs (distinct, locked, agents checked), in one insert
 * read from the jobs themselves, as queueJobTransfer does for one; returns them by job id.
 */
export async function queueJobsTransfers(q: Queryable, jobs: JobRow[]): Promise<Map<string, TransferRow>> {
  if (jobs.length === 0) return new Map();
  const modifiedAfter = await modifiedAfterByJob(q, jobs);
  const rows = await q.query<TransferRow>(
    `insert into transfers (company_id, project_id, job_id, source_agent_id, source_paths, destination_agent_id,
       destination_dir, overwrite, symlinks, mode, filters, modified_after, bandwidth_limit_bps, priority, max_attempts,
       created_by, state_reason)
     select j.company_id, j.project_id, j.id, j.source_agent_id, j.source_paths, j.destination_agent_id,
       j.destination_dir, j.overwrite, j.symlinks, j.mode, n.filters, n.modified_after, j.bandwidth_limit_bps,
       j.priority, j.max_attempts, null, 'waiting to start'
     from unnest($1::uuid[], $2::jsonb[], $3::timestamptz[]) with ordinality as n(job_id, filters, modified_after, ord)
       join jobs j on j.id = n.job_id
     order by n.ord
     returning ${TRANSFER_COLUMNS}`,
    [
      jobs.map((job) => job.id),
      jobs.map((job) => {
        const filters = transferFiltersOf(job.filters);
        return filters ? JSON.stringify(filters) : null;
      }),
      jobs.map((job) => modifiedAfter.get(job.id) ?? null),
    ],
  );
  return new Map(rows.map((row) => [row.job_id ?? '', row]));
}
