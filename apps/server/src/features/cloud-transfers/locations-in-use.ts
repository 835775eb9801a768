import { DatabaseError, type Queryable } from '@tcpa/db';
import { AppError } from '../../http/app-error.ts';

const UNFINISHED_TRANSFERS_SHOWN = 5;

/**
 * A location that unfinished transfers read or write cannot go (they would fail half done): 409
 * naming them, so a person cancels them or lets them finish first. Finished transfers keep their
 * history without it. Nor can one a job names (its next run would fail): 409 naming the jobs. The
 * row is locked first, so no transfer or job names it between the look and the delete.
 */
export async function refuseDeletingLocationInUse(tx: Queryable, projectId: string, locationId: string) {
  await tx.query('select 1 from storage_locations where project_id = $1 and id = $2 for update', [
    projectId,
    locationId,
  ]);
  const rows = await tx.query<{ id: string; count: number }>(
    `select id, count(*) over ()::int as count from transfers
     where project_id = $1 and (source_location_id = $2 or destination_location_id = $2)
       and state not in ('succeeded', 'failed', 'canceled')
     order by created_at limit ${UNFINISHED_TRANSFERS_SHOWN}`,
    [projectId, locationId],
  );
  if (rows.length > 0)
    throw inUse(
      rows.map((row) => row.id),
      rows[0]?.count ?? rows.length,
    );
  const jobs = await tx.query<{ name: string }>(
    `select name from jobs where project_id = $1 and (source_location_id = $2 or destination_location_id = $2)
     order by name limit ${UNFINISHED_TRANSFERS_SHOWN + 1}`,
    [projectId, locationId],
  );
  if (jobs.length > 0) throw usedByJobs(jobs.map((job) => job.name));
}

/** For the delete's `.catch`: transfers or jobs the caller may not read still use it (migrations 027 and 029). */
export function refuseLocationInUse(error: unknown): never {
  if (error instanceof DatabaseError && error.constraint === 'transfers_location_kept') throw inUse([], 0);
  if (error instanceof DatabaseError && JOB_LOCATION_KEYS.has(error.constraint ?? '')) throw usedByJobs([]);
  throw error;
}

const JOB_LOCATION_KEYS = new Set(['jobs_source_location_fkey', 'jobs_destination_location_fkey']);

function usedByJobs(names: string[]) {
  const shown = names.slice(0, UNFINISHED_TRANSFERS_SHOWN).map((name) => `"${name}"`);
  const named = shown.length === 0 ? '' : `: ${shown.join(', ')}${names.length > shown.length ? ' and more' : ''}`;
  return new AppError(
    'conflict',
    `Jobs use this storage location${named}. Point them elsewhere or delete them, then remove it.`,
    { jobNames: names },
  );
}

function inUse(transferIds: string[], count: number) {
  const named =
    transferIds.length === 0
      ? ''
      : `: ${transferIds.join(', ')}${count > transferIds.length ? ` and ${count - transferIds.length} more` : ''}`;
  return new AppError(
    'conflict',
    `Unfinished transfers use this storage location${named}. Cancel them or let them finish, then remove it.`,
    { transferIds },
  );
}
