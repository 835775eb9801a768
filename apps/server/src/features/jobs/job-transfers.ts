import { storeLabelOf } from '@tcpa/contracts';
import type { Queryable } from '@tcpa/db';
import { AppError } from '../../http/app-error.ts';
import { getLocationsById } from '../storage/storage-locations.sql.ts';
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

/** Each job's store label (`s3://bucket/prefix`), for jobs with a storage location, by job id. */
async function storeLabelsByJob(q: Queryable, jobs: JobRow[]): Promise<Map<string, string>> {
  const placeOf = (job: JobRow) =>
    job.source_location_id !== null
      ? { locationId: job.source_location_id, prefix: job.source_prefix ?? '' }
      : job.destination_location_id !== null
        ? { locationId: job.destination_location_id, prefix: job.destination_prefix ?? '' }
        : null;
  const places = jobs.flatMap((job) => {
    const place = placeOf(job);
    return place ? [{ jobId: job.id, ...place }] : [];
  });
  if (places.length === 0) return new Map();
  const locations = await getLocationsById(q, [...new Set(places.map((place) => place.locationId))]);
  return new Map(
    places.flatMap(({ jobId, locationId, prefix }) => {
      const location = locations.get(locationId);
      return location ? [[jobId, storeLabelOf(location, prefix)] as const] : [];
    }),
  );
}

/**
 * Queues one transfer for each of the given jobs (distinct, locked, agents checked), in one insert
 * read from the jobs themselves, with the job's sides (agents, or a storage location and prefix);
 * returns them by job id. `createdBy` is the person who ran it now (null for a schedule).
 */
export async function queueJobsTransfers(
  q: Queryable,
  jobs: JobRow[],
  createdBy: string | null = null,
): Promise<Map<string, TransferRow>> {
  if (jobs.length === 0) return new Map();
  const modifiedAfter = await modifiedAfterByJob(q, jobs);
  const labels = await storeLabelsByJob(q, jobs);
  for (const job of jobs) {
    if ((job.source_location_id ?? job.destination_location_id) !== null && !labels.has(job.id)) {
      throw new AppError('forbidden', `Job "${job.name}" uses a storage location: running it needs storage:read`);
    }
  }
  const rows = await q.query<TransferRow>(
    `insert into transfers (company_id, project_id, job_id, source_agent_id, source_paths, source_location_id,
       source_prefix, destination_agent_id, destination_dir, destination_location_id, destination_prefix, store_label,
       overwrite, symlinks, mode, filters, modified_after, bandwidth_limit_bps, priority, max_attempts, created_by,
       state_reason)
     select j.company_id, j.project_id, j.id, j.source_agent_id, j.source_paths, j.source_location_id, j.source_prefix,
       j.destination_agent_id, j.destination_dir, j.destination_location_id, j.destination_prefix, n.store_label,
       j.overwrite, j.symlinks, j.mode, n.filters, n.modified_after, j.bandwidth_limit_bps, j.priority, j.max_attempts,
       $5, 'waiting to start'
     from unnest($1::uuid[], $2::jsonb[], $3::timestamptz[], $4::text[])
       with ordinality as n(job_id, filters, modified_after, store_label, ord)
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
      jobs.map((job) => labels.get(job.id) ?? null),
      createdBy,
    ],
  );
  return new Map(rows.map((row) => [row.job_id ?? '', row]));
}
