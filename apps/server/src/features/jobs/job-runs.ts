import type { Queryable } from '@tcpa/db';
import type { TransferRow } from '../transfers/transfers.sql.ts';
import { decideRun, type JobState, readJobStates } from './job-states.ts';
import { queueJobsTransfers } from './job-transfers.ts';
import { JOB_COLUMNS, JOB_RUN_COLUMNS, type JobRow, type JobRunRow } from './jobs.sql.ts';

/** One firing of a job: a schedule's due time, or a person's Run now. */
export interface Firing {
  trigger: 'schedule' | 'manual';
  scheduleId: string | null;
  fireTime: Date;
  createdBy: string | null;
}

export interface LaunchedRun {
  run: JobRunRow;
  /** The transfer it queued, to publish once committed; null when the run did not start. */
  transfer: TransferRow | null;
}

const UNFINISHED = `('queued', 'running', 'verifying', 'paused')`;

/**
 * changedSinceLastRun: only files modified since the job's last successful transfer started (null:
 * none yet, every file). Null without that filter.
 */
export async function modifiedAfterOf(q: Queryable, job: JobRow): Promise<string | null> {
  if (!job.filters?.changedSinceLastRun) return null;
  const [last] = await q.query<{ started_at: string }>(
    `select started_at from transfers where job_id = $1 and state = 'succeeded' and started_at is not null
     order by started_at desc limit 1`,
    [job.id],
  );
  return last?.started_at ?? null;
}

/** Queues the run's transfer; the cut-off is resolved now and stored on it, so its retries send the same files. */
export async function queueRunTransfer(q: Queryable, job: JobRow, createdBy: string | null): Promise<TransferRow> {
  const transfer = (await queueJobsTransfers(q, [job], createdBy)).get(job.id);
  if (!transfer) throw new Error(`no transfer queued for job ${job.id}`);
  return transfer;
}

/** Locks the job so concurrent firings of it (on any server) apply the overlap policy one after the other. */
export async function lockJob(q: Queryable, jobId: string): Promise<JobRow | null> {
  const [job] = await q.query<JobRow>(`select ${JOB_COLUMNS} from jobs where id = $1 for update`, [jobId]);
  return job ?? null;
}

/** Locks the jobs in id order (two servers locking overlapping sets cannot deadlock); returns them by id. */
export async function lockJobs(q: Queryable, jobIds: string[]): Promise<Map<string, JobRow>> {
  const jobs = await q.query<JobRow>(
    `select ${JOB_COLUMNS} from jobs where id = any($1::uuid[]) order by id for update`,
    [[...new Set(jobIds)]],
  );
  return new Map(jobs.map((job) => [job.id, job]));
}

export async function insertRun(
  q: Queryable,
  job: JobRow,
  firing: Firing,
  outcome: { status: JobRunRow['status']; reason: string | null; transferId: string | null },
): Promise<JobRunRow> {
  const [run] = await q.query<JobRunRow>(
    `insert into job_runs (job_id, company_id, project_id, job_name, schedule_id, trigger, fire_time, status, reason,
       transfer_id, created_by)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning ${JOB_RUN_COLUMNS}`,
    [
      job.id,
      job.company_id,
      job.project_id,
      job.name,
      firing.scheduleId,
      firing.trigger,
      firing.fireTime.toISOString(),
      outcome.status,
      outcome.reason,
      outcome.transferId,
      firing.createdBy,
    ],
  );
  if (!run) throw new Error('insert returned nothing');
  return run;
}

/** The job's unfinished transfer, if any (what the overlap policy looks at). */
export async function unfinishedTransferOf(q: Queryable, jobId: string): Promise<string | null> {
  const [row] = await q.query<{ id: string }>(
    `select id from transfers where job_id = $1 and state in ${UNFINISHED} order by created_at limit 1`,
    [jobId],
  );
  return row?.id ?? null;
}

/** A run to record once its batch is done (recordRuns). */
export interface PendingRun {
  job: JobRow;
  firing: Firing;
  outcome: { status: JobRunRow['status']; reason: string | null; transferId: string | null };
}

/** Records many runs in one statement. */
export async function recordRuns(q: Queryable, runs: PendingRun[]): Promise<JobRunRow[]> {
  if (runs.length === 0) return [];
  const column = <T>(pick: (run: PendingRun) => T) => runs.map(pick);
  return q.query<JobRunRow>(
    `insert into job_runs (job_id, company_id, project_id, job_name, schedule_id, trigger, fire_time, status, reason,
       transfer_id, created_by)
     select * from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::uuid[], $6::text[], $7::timestamptz[],
       $8::text[], $9::text[], $10::uuid[], $11::uuid[])
     returning ${JOB_RUN_COLUMNS}`,
    [
      column((r) => r.job.id),
      column((r) => r.job.company_id),
      column((r) => r.job.project_id),
      column((r) => r.job.name),
      column((r) => r.firing.scheduleId),
      column((r) => r.firing.trigger),
      column((r) => r.firing.fireTime.toISOString()),
      column((r) => r.outcome.status),
      column((r) => r.outcome.reason),
      column((r) => r.outcome.transferId),
      column((r) => r.firing.createdBy),
    ],
  );
}

/**
 * Plans one firing of a locked job (lockJobs) under its overlap policy, given the job's state
 * (readJobStates), which it brings up to date for a later firing of the same job in the batch: a
 * transfer is queued, or the run is to be recorded skipped (or queued, waiting for the previous one).
 */
export async function planRun(
  q: Queryable,
  job: JobRow,
  state: JobState,
  firing: Firing,
): Promise<{ pending: PendingRun; transfer: TransferRow | null }> {
  const decision = decideRun(job, state);
  if (!decision.start) {
    if (decision.status === 'queued') state.runWaiting = true;
    const outcome = { status: decision.status, reason: decision.reason, transferId: null };
    return { pending: { job, firing, outcome }, transfer: null };
  }
  const transfer = await queueRunTransfer(q, job, firing.createdBy);
  state.unfinishedTransferId ??= transfer.id;
  const outcome = { status: 'started' as const, reason: null, transferId: transfer.id };
  return { pending: { job, firing, outcome }, transfer };
}

/** Runs one firing of a locked job (lockJob) under its overlap policy (planRun) and records the run. */
export async function launchRun(q: Queryable, job: JobRow, firing: Firing): Promise<LaunchedRun> {
  const state = (await readJobStates(q, [job])).get(job.id);
  if (!state) throw new Error('no state read for the job');
  const { pending, transfer } = await planRun(q, job, state, firing);
  return { run: await insertRun(q, job, firing, pending.outcome), transfer };
}
