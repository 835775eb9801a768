import type { Database, Queryable } from '@tcpa/db';
import type { TransferRow } from '../transfers/transfers.sql.ts';
import { latestFires, nextFireAfter } from './fire-times.ts';
import {
  type Firing,
  lockJob,
  lockJobs,
  type PendingRun,
  planRun,
  queueRunTransfer,
  recordRuns,
  unfinishedTransferOf,
} from './job-runs.ts';
import { type JobState, readJobStates } from './job-states.ts';
import { JOB_RUN_COLUMNS, type JobRow, type JobRunRow, ruleOf, type ScheduleRow } from './jobs.sql.ts';

export interface JobSchedulerOptions {
  database: Database;
  /** The clock (tests step it through a night with a daylight-saving change). */
  now?: () => Date;
  /** A transfer a run queued, once committed: the host publishes it so dispatch starts it. */
  onTransferQueued(transfer: TransferRow): void;
  /** A run recorded or started, once committed: the host publishes it for dashboards. */
  onRunChanged?(run: JobRunRow): void;
  onError(error: unknown): void;
  tickMs?: number;
}

/** Schedules claimed per transaction: few statements per batch, and other servers claim the rest meanwhile (SKIP LOCKED). */
const CLAIM_BATCH = 500;
/** A firing this late is still on time, whatever the job's catch-up window: ticks and restarts take seconds. */
const ON_TIME_MS = 60_000;
/** Firings missed one after the other are recorded one by one up to this many (the newest). */
const MAX_MISSED_RECORDED = 20;

/**
 * Fires due schedules. Several servers over one database may tick at once: a due schedule row is
 * claimed with FOR UPDATE SKIP LOCKED and moved to its next firing in the same transaction, and a
 * run is unique per (schedule, fire time), so each firing makes exactly one run.
 */
export class JobScheduler {
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private readonly now: () => Date;

  constructor(private readonly options: JobSchedulerOptions) {
    this.now = options.now ?? (() => new Date());
  }

  start() {
    this.timer ??= setInterval(() => {
      this.ticking ??= this.tickAsService()
        .then(() => undefined, this.options.onError)
        .finally(() => {
          this.ticking = null;
        });
    }, this.options.tickMs ?? 1000);
  }

  /** Stops ticking; resolves once a tick under way has ended (before the host closes the database). */
  async stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking;
  }

  /** Fires every due schedule and starts queued runs whose previous run ended; returns the runs made or started. */
  async tickAsService(): Promise<number> {
    // Waiting runs first: a firing in the same tick must not jump ahead of them.
    let count = await this.startQueuedRunsAsService();
    for (;;) {
      const { claimed, runs } = await this.fireDueBatchAsService();
      count += runs;
      if (claimed < CLAIM_BATCH) break;
    }
    return count;
  }

  /**
   * One batch, in a few statements whatever its size: claim due schedules, move each to its next
   * firing (one update), lock their jobs and read their states (a statement each), then per job
   * only the transfer it queues; the runs are recorded in one insert.
   */
  private async fireDueBatchAsService(): Promise<{ claimed: number; runs: number }> {
    const now = this.now();
    const queued: TransferRow[] = [];
    const recorded: JobRunRow[] = [];
    const claimed = await this.options.database.unsafeAsOwner(async (tx) => {
      const due = await tx.query<ScheduleRow>(
        `select s.id, s.job_id, s.kind, s.cron, s.time_zone, s.every_minutes, s.next_fire_at
         from job_schedules s join jobs j on j.id = s.job_id
         where s.next_fire_at <= $1 and j.enabled
         order by s.next_fire_at limit ${CLAIM_BATCH}
         for update of s skip locked`,
        [now.toISOString()],
      );
      if (due.length === 0) return 0;
      const next = due.map((schedule) => nextFireAfter(ruleOf(schedule), now)?.toISOString() ?? null);
      await tx.query(
        `update job_schedules s set next_fire_at = n.next_fire_at
         from unnest($1::uuid[], $2::timestamptz[]) as n(id, next_fire_at) where s.id = n.id`,
        [due.map((schedule) => schedule.id), next],
      );
      const jobs = await lockJobs(
        tx,
        due.map((schedule) => schedule.job_id),
      );
      const states = await readJobStates(tx, [...jobs.values()]);
      const pending: PendingRun[] = [];
      for (const schedule of due) {
        const job = jobs.get(schedule.job_id);
        const state = states.get(schedule.job_id);
        if (job && state) pending.push(...(await this.fireScheduleAsService(tx, schedule, job, state, now, queued)));
      }
      recorded.push(...(await recordRuns(tx, pending)));
      return due.length;
    });
    for (const transfer of queued) this.options.onTransferQueued(transfer);
    for (const run of recorded) this.options.onRunChanged?.(run);
    return { claimed, runs: recorded.length };
  }

  /** Every firing from the schedule's due time to now: the newest runs if on time or in the catch-up window, the rest are missed. */
  private async fireScheduleAsService(
    tx: Queryable,
    schedule: ScheduleRow,
    job: JobRow,
    state: JobState,
    now: Date,
    queued: TransferRow[],
  ): Promise<PendingRun[]> {
    const fires = latestFires(ruleOf(schedule), new Date(schedule.next_fire_at ?? now), now, MAX_MISSED_RECORDED + 1);
    const latest = fires.pop();
    if (!latest) return [];
    const firing = (fireTime: Date): Firing => ({
      trigger: 'schedule',
      scheduleId: schedule.id,
      fireTime,
      createdBy: null,
    });
    const missed = (fireTime: Date, reason: string): PendingRun => ({
      job,
      firing: firing(fireTime),
      outcome: { status: 'missed', reason, transferId: null },
    });
    const runs = fires.map((fireTime) => missed(fireTime, 'no server was running'));
    const lateMs = now.getTime() - latest.getTime();
    if (lateMs > Math.max(ON_TIME_MS, job.catch_up_seconds * 1000)) {
      const reason = `no server was running; older than the catch-up window (${job.catch_up_seconds} s)`;
      return [...runs, missed(latest, reason)];
    }
    const { pending, transfer } = await planRun(tx, job, state, firing(latest));
    if (transfer) queued.push(transfer);
    return [...runs, pending];
  }

  /** Queued runs (overlap "queue") start once their job has no unfinished transfer left. */
  private async startQueuedRunsAsService(): Promise<number> {
    const queued: TransferRow[] = [];
    const started: JobRunRow[] = [];
    await this.options.database.unsafeAsOwner(async (tx) => {
      const waiting = await tx.query<{ id: string; job_id: string }>(
        `select r.id, r.job_id from job_runs r
         where r.status = 'queued' and r.job_id is not null
           and not exists (select from transfers t where t.job_id = r.job_id
             and t.state in ('queued', 'running', 'verifying', 'paused'))
         order by r.fire_time limit ${CLAIM_BATCH}
         for update of r skip locked`,
      );
      for (const run of waiting) {
        const job = await lockJob(tx, run.job_id);
        if (!job || (await unfinishedTransferOf(tx, job.id))) continue;
        const transfer = await queueRunTransfer(tx, job, null);
        const [startedRun] = await tx.query<JobRunRow>(
          `update job_runs set status = 'started', reason = null, transfer_id = $2, updated_at = now() where id = $1
           returning ${JOB_RUN_COLUMNS}`,
          [run.id, transfer.id],
        );
        queued.push(transfer);
        if (startedRun) started.push(startedRun);
      }
    });
    for (const transfer of queued) this.options.onTransferQueued(transfer);
    for (const run of started) this.options.onRunChanged?.(run);
    return queued.length;
  }
}
