import {
  type CreateJobBody,
  JOB_ENDPOINT_FIELDS,
  type Job,
  type JobEndpoints,
  JobEndpointsSchema,
  type JobRun,
  type JobScheduleInput,
  type UpdateJobBody,
} from '@tcpa/contracts';
import type { Queryable } from '@tcpa/db';
import { AppError, notFound } from '../../http/app-error.ts';
import { parseInput } from '../../http/parse-input.ts';
import type { EventBus } from '../realtime/event-bus.ts';
import { getLocation } from '../storage/storage-locations.sql.ts';
import type { TenantWork } from '../transfers/transfer-requests.ts';
import { transferChanged } from '../transfers/transfers.sql.ts';
import { nextFireAfter } from './fire-times.ts';
import { launchRun, lockJob } from './job-runs.ts';
import { jobRunChanged, listJobs, ruleOf, toJobRun } from './jobs.sql.ts';
import { checkSchedules } from './schedule-limit.ts';

/** Each side's agent (not deleted) or storage location is the project's, and the two agents differ. */
async function checkSides(tx: Queryable, projectId: string, sides: JobEndpoints) {
  if (sides.sourceAgentId !== undefined && sides.sourceAgentId === sides.destinationAgentId) {
    throw new AppError('validation_failed', 'Source and destination must be different agents');
  }
  const agentIds = [sides.sourceAgentId, sides.destinationAgentId].filter((id) => id !== undefined);
  const agents = await tx.query<{ id: string }>(
    'select id from agents where project_id = $1 and id = any($2::uuid[]) and deleted_at is null',
    [projectId, agentIds],
  );
  for (const [role, id] of [
    ['Source', sides.sourceAgentId],
    ['Destination', sides.destinationAgentId],
  ] as const) {
    if (id !== undefined && !agents.some((agent) => agent.id === id))
      throw new AppError('not_found', `${role} agent not found in this project`);
  }
  for (const [role, id] of [
    ['Source', sides.sourceLocationId],
    ['Destination', sides.destinationLocationId],
  ] as const) {
    if (id !== undefined && !(await getLocation(tx, projectId, id)))
      throw new AppError('not_found', `${role} storage location not found in this project`);
  }
}

/** The job's sides as stored: a side with a location gets its prefix ('' for the whole location). */
function sidesOf(job: Job): JobEndpoints {
  const defined = <T>(value: T | null) => value ?? undefined;
  return {
    sourceAgentId: defined(job.sourceAgentId),
    sourcePaths: defined(job.sourcePaths),
    sourceLocationId: defined(job.sourceLocationId),
    sourcePrefix: defined(job.sourcePrefix),
    destinationAgentId: defined(job.destinationAgentId),
    destinationDir: defined(job.destinationDir),
    destinationLocationId: defined(job.destinationLocationId),
    destinationPrefix: defined(job.destinationPrefix),
  };
}

/**
 * The sides after an update: a side the body names in part keeps the rest of it, unless the body
 * turns it from an agent to a location (or back), which replaces the whole side. Checked as a
 * create's are.
 */
function updatedSides(current: JobEndpoints, body: UpdateJobBody): JobEndpoints {
  const merged: Record<string, unknown> = {};
  for (const fields of Object.values(JOB_ENDPOINT_FIELDS)) {
    const [agentField, placeField, locationField, prefixField] = fields;
    const named = fields.filter((field) => body[field] !== undefined);
    const toLocation = body[locationField] !== undefined || body[prefixField] !== undefined;
    const toAgent = body[agentField] !== undefined || body[placeField] !== undefined;
    const wasLocation = current[locationField] !== undefined;
    const keep =
      named.length === 0 || (toLocation && wasLocation && !toAgent) || (toAgent && !wasLocation && !toLocation);
    for (const field of fields) merged[field] = body[field] ?? (keep ? current[field] : undefined);
    if (toLocation && !toAgent) merged[prefixField] ??= '';
  }
  return parseInput(JobEndpointsSchema, merged, 'body');
}

async function replaceSchedules(tx: Queryable, jobId: string, schedules: JobScheduleInput[], enabled: boolean) {
  await tx.query('delete from job_schedules where job_id = $1', [jobId]);
  const now = new Date();
  for (const schedule of schedules) {
    const next = enabled ? nextFireAfter(schedule, now) : null;
    await tx.query(
      `insert into job_schedules (job_id, company_id, project_id, kind, cron, time_zone, every_minutes, next_fire_at)
       select id, company_id, project_id, $2, $3, $4, $5, $6 from jobs where id = $1`,
      [
        jobId,
        schedule.kind,
        schedule.kind === 'cron' ? schedule.cron : null,
        schedule.kind === 'cron' ? schedule.timeZone : null,
        schedule.kind === 'interval' ? schedule.everyMinutes : null,
        next?.toISOString() ?? null,
      ],
    );
  }
}

async function getJob(tx: Queryable, projectId: string, jobId: string): Promise<Job> {
  const [job] = await listJobs(tx, projectId, jobId);
  if (!job) throw notFound('Job');
  return job;
}

export async function createJob(work: TenantWork, projectId: string, body: CreateJobBody): Promise<Job> {
  await checkSides(work.tx, projectId, body);
  await checkSchedules(work.tx, body.schedules);
  const [row] = await work.tx.query<{ id: string }>(
    `insert into jobs (company_id, project_id, name, source_agent_id, source_paths, source_location_id, source_prefix,
       destination_agent_id, destination_dir, destination_location_id, destination_prefix, mode, overwrite, symlinks,
       filters, bandwidth_limit_bps, priority, max_attempts, overlap, catch_up_seconds, enabled, created_by)
     values (app.company_id(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,
       $20, app.user_id())
     returning id`,
    [
      projectId,
      body.name,
      body.sourceAgentId ?? null,
      body.sourcePaths ?? null,
      body.sourceLocationId ?? null,
      body.sourceLocationId ? (body.sourcePrefix ?? '') : null,
      body.destinationAgentId ?? null,
      body.destinationDir ?? null,
      body.destinationLocationId ?? null,
      body.destinationLocationId ? (body.destinationPrefix ?? '') : null,
      body.mode,
      body.overwrite,
      body.symlinks,
      body.filters ? JSON.stringify(body.filters) : null,
      body.bandwidthLimitBps ?? null,
      body.priority,
      body.maxAttempts,
      body.overlap,
      body.catchUpSeconds,
      body.enabled,
    ],
  );
  if (!row) throw new Error('insert returned nothing');
  await replaceSchedules(work.tx, row.id, body.schedules, body.enabled);
  await work.audit({
    action: 'job.created',
    targetType: 'job',
    targetId: row.id,
    details: { name: body.name, schedules: body.schedules.length },
  });
  return getJob(work.tx, projectId, row.id);
}

const SIDE_COLUMN_OF = {
  sourceAgentId: 'source_agent_id',
  sourcePaths: 'source_paths',
  sourceLocationId: 'source_location_id',
  sourcePrefix: 'source_prefix',
  destinationAgentId: 'destination_agent_id',
  destinationDir: 'destination_dir',
  destinationLocationId: 'destination_location_id',
  destinationPrefix: 'destination_prefix',
} as const satisfies Record<keyof JobEndpoints, string>;

const COLUMN_OF = {
  name: 'name',
  mode: 'mode',
  overwrite: 'overwrite',
  symlinks: 'symlinks',
  filters: 'filters',
  bandwidthLimitBps: 'bandwidth_limit_bps',
  priority: 'priority',
  maxAttempts: 'max_attempts',
  overlap: 'overlap',
  catchUpSeconds: 'catch_up_seconds',
  enabled: 'enabled',
} as const satisfies Record<Exclude<keyof UpdateJobBody, 'schedules' | keyof JobEndpoints>, string>;

/** Changes the fields given; `enabled` or new schedules recompute the next firings from now. */
export async function updateJob(work: TenantWork, projectId: string, jobId: string, body: UpdateJobBody) {
  const current = await getJob(work.tx, projectId, jobId);
  const sidesNamed = Object.keys(SIDE_COLUMN_OF).some((field) => body[field as keyof JobEndpoints] !== undefined);
  const sides = sidesNamed ? updatedSides(sidesOf(current), body) : null;
  if (sides) await checkSides(work.tx, projectId, sides);
  if (body.schedules) await checkSchedules(work.tx, body.schedules);
  const changes: [string, unknown][] = [
    ...Object.entries(COLUMN_OF).flatMap(([field, column]): [string, unknown][] => {
      const value = body[field as keyof typeof COLUMN_OF];
      if (value === undefined) return [];
      // jsonb goes as text: a driver would send a JS object as a Postgres array or record.
      return [[column, field === 'filters' && value !== null ? JSON.stringify(value) : value]];
    }),
    ...(sides
      ? Object.entries(SIDE_COLUMN_OF).map(([field, column]): [string, unknown] => [
          column,
          sides[field as keyof JobEndpoints] ?? null,
        ])
      : []),
  ];
  await work.tx.query(
    `update jobs set ${changes.map(([column], i) => `${column} = $${i + 3}, `).join('')}updated_at = now()
     where project_id = $1 and id = $2`,
    [projectId, jobId, ...changes.map(([, value]) => value)],
  );
  const enabled = body.enabled ?? current.enabled;
  if (body.schedules) await replaceSchedules(work.tx, jobId, body.schedules, enabled);
  else if (body.enabled !== undefined) await restartSchedules(work.tx, current.schedules, enabled);
  const action =
    body.enabled !== undefined && Object.keys(body).length === 1
      ? enabled
        ? 'job.enabled'
        : 'job.disabled'
      : 'job.updated';
  await work.audit({ action, targetType: 'job', targetId: jobId, details: { fields: Object.keys(body) } });
  return getJob(work.tx, projectId, jobId);
}

/** Kept schedules (and their run history) stop, or start again from the next firing after now. */
async function restartSchedules(tx: Queryable, schedules: Job['schedules'], enabled: boolean) {
  const now = new Date();
  for (const schedule of schedules) {
    const next = enabled ? nextFireAfter(ruleOf(toScheduleRow(schedule)), now) : null;
    await tx.query('update job_schedules set next_fire_at = $2 where id = $1', [
      schedule.id,
      next?.toISOString() ?? null,
    ]);
  }
}

const toScheduleRow = (schedule: Job['schedules'][number]) => ({
  kind: schedule.kind,
  cron: schedule.cron,
  time_zone: schedule.timeZone,
  every_minutes: schedule.everyMinutes,
});

export async function deleteJob(work: TenantWork, projectId: string, jobId: string): Promise<undefined> {
  const [row] = await work.tx.query<{ name: string }>(
    'delete from jobs where project_id = $1 and id = $2 returning name',
    [projectId, jobId],
  );
  if (!row) throw notFound('Job');
  await work.audit({ action: 'job.deleted', targetType: 'job', targetId: jobId, details: { name: row.name } });
  return undefined;
}

/** Run now: one manual firing under the job's overlap policy; the transfer is published once committed. */
export async function runJobNow(
  work: TenantWork,
  bus: EventBus,
  projectId: string,
  jobId: string,
  /** What else the caller must be allowed, seeing the job (a location it names needs storage:read). */
  allowed: (job: Job) => Promise<void>,
): Promise<JobRun> {
  await allowed(await getJob(work.tx, projectId, jobId));
  const job = await lockJob(work.tx, jobId);
  if (!job) throw notFound('Job');
  const [user] = await work.tx.query<{ id: string | null }>('select app.user_id() as id');
  const { run, transfer } = await launchRun(work.tx, job, {
    trigger: 'manual',
    scheduleId: null,
    fireTime: new Date(),
    createdBy: user?.id ?? null,
  });
  work.afterCommit(() => {
    bus.publish(jobRunChanged(run));
    if (transfer) bus.publish(transferChanged(transfer));
  });
  await work.audit({ action: 'job.run', targetType: 'job', targetId: jobId, details: { status: run.status } });
  return toJobRun(run);
}
