import type { Job, JobRun } from '@tcpa/contracts';
import type { Database, Queryable } from '@tcpa/db';
import type { FleetEvent } from '../realtime/event-bus.ts';
import type { EndpointColumns } from '../transfers/transfers.sql.ts';
import { nextFireTimes, type ScheduleRule } from './fire-times.ts';

export interface JobRow extends EndpointColumns {
  id: string;
  company_id: string;
  project_id: string;
  name: string;
  mode: Job['mode'];
  overwrite: Job['overwrite'];
  symlinks: Job['symlinks'];
  filters: Job['filters'];
  bandwidth_limit_bps: number | null;
  priority: number;
  max_attempts: number;
  overlap: Job['overlap'];
  catch_up_seconds: number;
  enabled: boolean;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ScheduleRow {
  id: string;
  job_id: string;
  kind: 'cron' | 'interval';
  cron: string | null;
  time_zone: string | null;
  every_minutes: number | null;
  next_fire_at: string | null;
}

export interface JobRunRow {
  id: string;
  company_id: string;
  project_id: string;
  job_id: string | null;
  schedule_id: string | null;
  trigger: JobRun['trigger'];
  fire_time: string;
  status: JobRun['status'];
  reason: string | null;
  transfer_id: string | null;
  files_copied: number | null;
  bytes_copied: number | null;
  files_deleted: number | null;
  duration_seconds: number | null;
  created_at: string;
  finished_at: string | null;
}

export const JOB_COLUMNS = `id, company_id, project_id, name, source_agent_id, source_paths, source_location_id,
  source_prefix, destination_agent_id, destination_dir, destination_location_id, destination_prefix, mode, overwrite,
  symlinks, filters, bandwidth_limit_bps, priority, max_attempts, overlap, catch_up_seconds, enabled, created_by,
  created_at, updated_at`;
export const SCHEDULE_COLUMNS = 'id, job_id, kind, cron, time_zone, every_minutes, next_fire_at';
export const JOB_RUN_COLUMNS = `id, company_id, project_id, job_id, schedule_id, trigger, fire_time, status, reason, transfer_id, files_copied,
  bytes_copied, files_deleted, duration_seconds, created_at, finished_at`;

export function ruleOf(row: Pick<ScheduleRow, 'kind' | 'cron' | 'time_zone' | 'every_minutes'>): ScheduleRule {
  return row.kind === 'cron'
    ? { kind: 'cron', cron: row.cron ?? '', timeZone: row.time_zone ?? 'UTC' }
    : { kind: 'interval', everyMinutes: row.every_minutes ?? 1 };
}

/** The next five firings over all schedules, from what each will fire next. */
function upcomingOf(schedules: ScheduleRow[]): string[] {
  const times = schedules.flatMap((schedule) => {
    if (!schedule.next_fire_at) return [];
    const first = new Date(schedule.next_fire_at);
    return [first, ...nextFireTimes(ruleOf(schedule), first, 4)].map((time) => time.getTime());
  });
  return [...new Set(times)]
    .sort((a, b) => a - b)
    .slice(0, 5)
    .map((time) => new Date(time).toISOString());
}

export function toJob(row: JobRow, schedules: ScheduleRow[], lastRun: JobRunRow | undefined): Job {
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    sourceAgentId: row.source_agent_id,
    sourcePaths: row.source_paths,
    sourceLocationId: row.source_location_id,
    sourcePrefix: row.source_prefix,
    destinationAgentId: row.destination_agent_id,
    destinationDir: row.destination_dir,
    destinationLocationId: row.destination_location_id,
    destinationPrefix: row.destination_prefix,
    mode: row.mode,
    overwrite: row.overwrite,
    symlinks: row.symlinks,
    filters: row.filters,
    bandwidthLimitBps: row.bandwidth_limit_bps === null ? null : Number(row.bandwidth_limit_bps),
    priority: row.priority,
    maxAttempts: row.max_attempts,
    overlap: row.overlap,
    catchUpSeconds: row.catch_up_seconds,
    enabled: row.enabled,
    schedules: schedules.map((schedule) => ({
      id: schedule.id,
      kind: schedule.kind,
      cron: schedule.cron,
      timeZone: schedule.time_zone,
      everyMinutes: schedule.every_minutes,
      nextFireAt: schedule.next_fire_at,
    })),
    nextFireTimes: row.enabled ? upcomingOf(schedules) : [],
    lastRun: lastRun ? toJobRun(lastRun) : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toJobRun(row: JobRunRow): JobRun {
  return {
    id: row.id,
    jobId: row.job_id,
    scheduleId: row.schedule_id,
    trigger: row.trigger,
    fireTime: row.fire_time,
    status: row.status,
    reason: row.reason,
    transferId: row.transfer_id,
    filesCopied: row.files_copied,
    bytesCopied: row.bytes_copied === null ? null : Number(row.bytes_copied),
    filesDeleted: row.files_deleted,
    durationSeconds: row.duration_seconds,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

/** Jobs of a project (all, or the one asked for) with their schedules and newest run. */
export async function listJobs(tx: Queryable, projectId: string, jobId: string | null = null): Promise<Job[]> {
  const jobs = await tx.query<JobRow>(
    `select ${JOB_COLUMNS} from jobs where project_id = $1 and ($2::uuid is null or id = $2) order by name`,
    [projectId, jobId],
  );
  if (jobs.length === 0) return [];
  const schedules = await tx.query<ScheduleRow>(
    `select ${SCHEDULE_COLUMNS} from job_schedules where job_id = any($1::uuid[]) order by created_at, id`,
    [jobs.map((job) => job.id)],
  );
  // The newest run of each job, one index probe each (job_runs_job_idx), in the list's one request.
  const lastRuns = await tx.query<JobRunRow>(
    `select r.* from unnest($1::uuid[]) as j(id)
     cross join lateral (select ${JOB_RUN_COLUMNS} from job_runs where job_id = j.id
       order by fire_time desc, created_at desc limit 1) r`,
    [jobs.map((job) => job.id)],
  );
  return jobs.map((job) =>
    toJob(
      job,
      schedules.filter((schedule) => schedule.job_id === job.id),
      lastRuns.find((run) => run.job_id === job.id),
    ),
  );
}

export function jobRunChanged(row: JobRunRow): FleetEvent {
  return { type: 'job_run_changed', companyId: row.company_id, projectId: row.project_id, run: toJobRun(row) };
}

/** The runs a transfer belongs to (one; a few at most), read as the service for realtime subscribers. */
export async function runsOfTransferAsService(database: Database, transferId: string): Promise<JobRun[]> {
  const rows = await database.unsafeAsOwner((tx) =>
    tx.query<JobRunRow>(`select ${JOB_RUN_COLUMNS} from job_runs where transfer_id = $1 limit 10`, [transferId]),
  );
  return rows.map(toJobRun);
}
