import type { Queryable } from '@tcpa/db';
import type { TransferRow } from '../transfers/transfers.sql.ts';
import { BatchFireTimes } from './batch-fire-times.ts';
import { type Firing, lockJobs, type PendingRun, planRun, recordRuns } from './job-runs.ts';
import { decideRun, readJobStates } from './job-states.ts';
import { queueJobsTransfers } from './job-transfers.ts';
import { type JobRow, type JobRunRow, ruleOf, type ScheduleRow } from './jobs.sql.ts';

/** A firing this late is still on time, whatever the job's catch-up window: ticks and restarts take seconds. */
const ON_TIME_MS = 60_000;
/** Firings missed one after the other are recorded one by one up to this many (the newest). */
const MAX_MISSED_RECORDED = 20;

/**
 * Every firing of the schedule from its due time to now: the older ones are missed runs; the newest
 * is to launch if on time or in the catch-up window (else it is missed too).
 */
function firingsOf(
  schedule: ScheduleRow,
  job: JobRow,
  times: BatchFireTimes,
): { missed: PendingRun[]; launch: Firing | null } {
  const now = times.now;
  const fires = times.latestFires(ruleOf(schedule), new Date(schedule.next_fire_at ?? now), MAX_MISSED_RECORDED + 1);
  const latest = fires.pop();
  const firing = (fireTime: Date): Firing => ({
    trigger: 'schedule',
    scheduleId: schedule.id,
    fireTime,
    createdBy: null,
  });
  const missedRun = (fireTime: Date, reason: string): PendingRun => ({
    job,
    firing: firing(fireTime),
    outcome: { status: 'missed', reason, transferId: null },
  });
  const missed = fires.map((fireTime) => missedRun(fireTime, 'no server was running'));
  if (!latest) return { missed, launch: null };
  if (now.getTime() - latest.getTime() > Math.max(ON_TIME_MS, job.catch_up_seconds * 1000)) {
    const reason = `no server was running; older than the catch-up window (${job.catch_up_seconds} s)`;
    return { missed: [...missed, missedRun(latest, reason)], launch: null };
  }
  return { missed, launch: firing(latest) };
}

/**
 * Fires claimed (locked) due schedules in a few statements whatever their number: each moves to
 * its next firing (one update), their jobs are locked and their states read (a statement each),
 * the transfers started are queued in one insert and the runs recorded in another. A job met
 * again in the batch after one of its firings started goes after that insert, one firing at a time,
 * so its overlap policy sees the transfer just queued.
 */
export async function fireClaimedAsService(
  tx: Queryable,
  due: ScheduleRow[],
  now: Date,
): Promise<{ runs: JobRunRow[]; queued: TransferRow[] }> {
  if (due.length === 0) return { runs: [], queued: [] };
  const times = new BatchFireTimes(now);
  await tx.query(
    `update job_schedules s set next_fire_at = n.next_fire_at
     from unnest($1::uuid[], $2::timestamptz[]) as n(id, next_fire_at) where s.id = n.id`,
    [
      due.map((schedule) => schedule.id),
      due.map((schedule) => times.nextFire(ruleOf(schedule))?.toISOString() ?? null),
    ],
  );
  const jobs = await lockJobs(
    tx,
    due.map((schedule) => schedule.job_id),
  );
  const states = await readJobStates(tx, [...jobs.values()]);
  const pending: PendingRun[] = [];
  const starts: PendingRun[] = [];
  const startedJobIds = new Set<string>();
  const later: ScheduleRow[] = [];
  for (const schedule of due) {
    const job = jobs.get(schedule.job_id);
    const state = states.get(schedule.job_id);
    if (!job || !state) continue;
    if (startedJobIds.has(job.id)) {
      later.push(schedule);
      continue;
    }
    const { missed, launch } = firingsOf(schedule, job, times);
    pending.push(...missed);
    if (!launch) continue;
    const decision = decideRun(job, state);
    if (decision.start) {
      const run: PendingRun = { job, firing: launch, outcome: { status: 'started', reason: null, transferId: null } };
      starts.push(run);
      startedJobIds.add(job.id);
      pending.push(run);
      continue;
    }
    if (decision.status === 'queued') state.runWaiting = true;
    pending.push({
      job,
      firing: launch,
      outcome: { status: decision.status, reason: decision.reason, transferId: null },
    });
  }
  const transfers = await queueJobsTransfers(
    tx,
    starts.map((start) => start.job),
  );
  const queued: TransferRow[] = [];
  for (const start of starts) {
    const transfer = transfers.get(start.job.id);
    if (!transfer) throw new Error(`no transfer queued for job ${start.job.id}`);
    start.outcome.transferId = transfer.id;
    const state = states.get(start.job.id);
    if (state) state.unfinishedTransferId ??= transfer.id;
    queued.push(transfer);
  }
  for (const schedule of later) {
    const job = jobs.get(schedule.job_id);
    const state = states.get(schedule.job_id);
    if (!job || !state) continue;
    const { missed, launch } = firingsOf(schedule, job, times);
    pending.push(...missed);
    if (!launch) continue;
    const planned = await planRun(tx, job, state, launch);
    pending.push(planned.pending);
    if (planned.transfer) queued.push(planned.transfer);
  }
  return { runs: await recordRuns(tx, pending), queued };
}
