import type { Database, Queryable } from '@tcpa/db';
import type { TransferRow } from '../transfers/transfers.sql.ts';
import { latestFires, nextFireAfter } from './fire-times.ts';
import { type Firing, insertRun, launchRun, lockJob, queueRunTransfer, unfinishedTransferOf } from './job-runs.ts';
import { JOB_RUN_COLUMNS, type JobRunRow, ruleOf, type ScheduleRow } from './jobs.sql.ts';

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

/** Schedules claimed per transaction: short transactions, so other servers claim the rest meanwhile. */
const CLAIM_BATCH = 50;
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

  private async fireDueBatchAsService(): Promise<{ claimed: number; runs: number }> {
    const now = this.now();
    const queued: TransferRow[] = [];
    const recorded: JobRunRow[] = [];
    const result = await this.options.database.unsafeAsOwner(async (tx) => {
      const due = await tx.query<ScheduleRow>(
        `select s.id, s.job_id, s.kind, s.cron, s.time_zone, s.every_minutes, s.next_fire_at
         from job_schedules s join jobs j on j.id = s.job_id
         where s.next_fire_at <= $1 and j.enabled
         order by s.next_fire_at limit ${CLAIM_BATCH}
         for update of s skip locked`,
        [now.toISOString()],
      );
      let runs = 0;
      for (const schedule of due) runs += await this.fireScheduleAsService(tx, schedule, now, queued, recorded);
      return { claimed: due.length, runs };
    });
    for (const transfer of queued) this.options.onTransferQueued(transfer);
    for (const run of recorded) this.options.onRunChanged?.(run);
    return result;
  }

  /** Every firing from the schedule's due time to now: the newest runs if on time or in the catch-up window, the rest are missed. */
  private async fireScheduleAsService(
    tx: Queryable,
    schedule: ScheduleRow,
    now: Date,
    queued: TransferRow[],
    recorded: JobRunRow[],
  ) {
    const rule = ruleOf(schedule);
    const fires = latestFires(rule, new Date(schedule.next_fire_at ?? now), now, MAX_MISSED_RECORDED + 1);
    await tx.query('update job_schedules set next_fire_at = $2 where id = $1', [
      schedule.id,
      nextFireAfter(rule, now)?.toISOString() ?? null,
    ]);
    const job = await lockJob(tx, schedule.job_id);
    if (!job) return 0;
    const latest = fires.pop();
    if (!latest) return 0;
    const firing = (fireTime: Date): Firing => ({
      trigger: 'schedule',
      scheduleId: schedule.id,
      fireTime,
      createdBy: null,
    });
    for (const missed of fires) {
      recorded.push(
        await insertRun(tx, job, firing(missed), {
          status: 'missed',
          reason: 'no server was running',
          transferId: null,
        }),
      );
    }
    const lateMs = now.getTime() - latest.getTime();
    if (lateMs > Math.max(ON_TIME_MS, job.catch_up_seconds * 1000)) {
      const reason = `no server was running; older than the catch-up window (${job.catch_up_seconds} s)`;
      recorded.push(await insertRun(tx, job, firing(latest), { status: 'missed', reason, transferId: null }));
      return fires.length + 1;
    }
    const { run, transfer } = await launchRun(tx, job, firing(latest));
    recorded.push(run);
    if (transfer) queued.push(transfer);
    return fires.length + 1;
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
