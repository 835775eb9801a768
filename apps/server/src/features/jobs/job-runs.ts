import type { Queryable } from '@tcpa/db';
import { queueJobTransfer } from '../transfers/transfer-requests.ts';
import type { TransferRow } from '../transfers/transfers.sql.ts';
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
  return queueJobTransfer(q, job, { createdBy, modifiedAfter: await modifiedAfterOf(q, job) });
}

/** Locks the job so concurrent firings of it (on any server) apply the overlap policy one after the other. */
export async function lockJob(q: Queryable, jobId: string): Promise<JobRow | null> {
  const [job] = await q.query<JobRow>(`select ${JOB_COLUMNS} from jobs where id = $1 for update`, [jobId]);
  return job ?? null;
}

/** Why the job cannot start now (an agent gone or not approved), or null. */
async function agentsRefusal(q: Queryable, job: JobRow): Promise<string | null> {
  const agents = await q.query<{ id: string; name: string; status: string; deleted_at: string | null }>(
    'select id, name, status, deleted_at from agents where id = any($1::uuid[])',
    [[job.source_agent_id, job.destination_agent_id]],
  );
  for (const [role, id] of [
    ['source', job.source_agent_id],
    ['destination', job.destination_agent_id],
  ] as const) {
    const agent = agents.find((a) => a.id === id);
    if (!agent || agent.deleted_at) return `the ${role} agent was deleted`;
    if (agent.status !== 'active') return `the ${role} agent "${agent.name}" is ${agent.status}`;
  }
  return null;
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

/**
 * Runs one firing of a locked job (lockJob) under its overlap policy: a transfer is queued, or the
 * run is recorded skipped (or queued, waiting for the previous one) with the reason.
 */
export async function launchRun(q: Queryable, job: JobRow, firing: Firing): Promise<LaunchedRun> {
  const refusal = await agentsRefusal(q, job);
  const previous = job.overlap === 'parallel' ? null : await unfinishedTransferOf(q, job.id);
  // A run already waiting goes first: a firing meanwhile never jumps ahead of it.
  const [waiting] =
    job.overlap === 'queue'
      ? await q.query<{ id: string }>(`select id from job_runs where job_id = $1 and status = 'queued' limit 1`, [
          job.id,
        ])
      : [];
  const notStarted = async (status: 'skipped' | 'queued', reason: string) => ({
    run: await insertRun(q, job, firing, { status, reason, transferId: null }),
    transfer: null,
  });
  if (refusal) return notStarted('skipped', refusal);
  if (waiting) return notStarted('skipped', 'a run is already waiting for the previous one to finish');
  if (previous && job.overlap === 'skip') {
    return notStarted('skipped', `the previous run is still going (transfer ${previous})`);
  }
  if (previous) return notStarted('queued', `waiting for the previous run to finish (transfer ${previous})`);
  const transfer = await queueRunTransfer(q, job, firing.createdBy);
  const run = await insertRun(q, job, firing, { status: 'started', reason: null, transferId: transfer.id });
  return { run, transfer };
}
