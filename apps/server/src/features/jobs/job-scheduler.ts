import type { Database } from '@tcpa/db';
import type { TransferRow } from '../transfers/transfers.sql.ts';
import { fireClaimedAsService } from './fire-batch.ts';
import { lockJob, queueRunTransfer, unfinishedTransferOf } from './job-runs.ts';
import { JOB_RUN_COLUMNS, type JobRunRow, type ScheduleRow } from './jobs.sql.ts';

export interface JobSchedulerOptions {
  database: Database;
  /** The clock (tests step it through a night with a daylight-saving change). */
  now?: () => Date;
  /** A transfer a run queued, once committed: the host publishes it so dispatch starts it. */
  onTransferQueued(transfer: TransferRow): void;
  /** A run recorded or started, once committed: the host publishes it for dashboards. */
  onRunChanged?(run: JobRunRow): void;
  onError(error: unknown): void;
  /** The longest wait between ticks: a schedule created or edited meanwhile is seen within it. */
  tickMs?: number;
}

/** Schedules claimed per transaction: few statements per batch, and other servers claim the rest meanwhile (SKIP LOCKED). */
const CLAIM_BATCH = 500;
/** The wait when a due schedule is left after a tick: another server is firing it, or it just fell due. */
const STILL_DUE_NAP_MS = 50;
/**
 * Fires due schedules. Several servers over one database may tick at once: a due schedule row is
 * claimed with FOR UPDATE SKIP LOCKED and moved to its next firing in the same transaction, and a
 * run is unique per (schedule, fire time), so each firing makes exactly one run.
 */
export class JobScheduler {
  private running = false;
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private readonly now: () => Date;
  private readonly tickMs: number;

  constructor(private readonly options: JobSchedulerOptions) {
    this.now = options.now ?? (() => new Date());
    this.tickMs = options.tickMs ?? 1000;
  }

  /**
   * Ticks at once, then until stopped. After each tick it sleeps until the earliest schedule is
   * due, at most tickMs: a minute boundary is met within milliseconds, not up to a whole tick late
   * (with a fixed 1 s tick the phase alone made the median firing 0.5 s late).
   */
  start() {
    if (this.running) return;
    this.running = true;
    this.wakeAfter(0);
  }

  /** Stops ticking; resolves once a tick under way has ended (before the host closes the database). */
  async stop() {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.ticking;
  }

  private wakeAfter(ms: number) {
    this.timer = setTimeout(() => {
      this.timer = null;
      this.ticking = this.tickThenSleep().finally(() => {
        this.ticking = null;
      });
    }, ms);
  }

  private async tickThenSleep() {
    let sleepMs = this.tickMs;
    try {
      await this.tickAsService();
      sleepMs = await this.msUntilNextDueAsService();
    } catch (error) {
      this.options.onError(error);
    }
    if (this.running) this.wakeAfter(sleepMs);
  }

  /**
   * How long until the earliest enabled schedule is due, capped at tickMs. One still due now is
   * held by another server's claim (or fell due during the tick): a short nap, not a busy loop.
   */
  private async msUntilNextDueAsService(): Promise<number> {
    const [earliest] = await this.options.database.unsafeAsOwner((tx) =>
      tx.query<{ next_fire_at: string }>(
        `select s.next_fire_at from job_schedules s join jobs j on j.id = s.job_id
         where s.next_fire_at is not null and j.enabled order by s.next_fire_at limit 1`,
      ),
    );
    if (!earliest) return this.tickMs;
    const untilDue = new Date(earliest.next_fire_at).getTime() - this.now().getTime();
    return Math.min(this.tickMs, untilDue > 0 ? untilDue : STILL_DUE_NAP_MS);
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

  /** One batch: due schedules claimed (SKIP LOCKED: other servers claim the rest meanwhile) and fired (fire-batch.ts). */
  private async fireDueBatchAsService(): Promise<{ claimed: number; runs: number }> {
    const now = this.now();
    const { claimed, runs, queued } = await this.options.database.unsafeAsOwner(async (tx) => {
      const due = await tx.query<ScheduleRow>(
        `select s.id, s.job_id, s.kind, s.cron, s.time_zone, s.every_minutes, s.next_fire_at
         from job_schedules s join jobs j on j.id = s.job_id
         where s.next_fire_at <= $1 and j.enabled
         order by s.next_fire_at limit ${CLAIM_BATCH}
         for update of s skip locked`,
        [now.toISOString()],
      );
      return { claimed: due.length, ...(await fireClaimedAsService(tx, due, now)) };
    });
    for (const transfer of queued) this.options.onTransferQueued(transfer);
    for (const run of runs) this.options.onRunChanged?.(run);
    return { claimed, runs: runs.length };
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
