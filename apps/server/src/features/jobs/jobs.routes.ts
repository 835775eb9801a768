import {
  CreateJobBodySchema,
  IdSchema,
  JobListSchema,
  JobPreviewSchema,
  JobRunListSchema,
  JobRunSchema,
  JobSchema,
  UpdateJobBodySchema,
} from '@tcpa/contracts';
import { z } from 'zod';
import { notFound } from '../../http/app-error.ts';
import { AfterTransaction, requireProjectPermission, tenantRoute } from '../../http/route.ts';
import { previewJobAsService } from './job-preview.ts';
import { createJob, deleteJob, runJobNow, updateJob } from './job-requests.ts';
import { JOB_RUN_COLUMNS, type JobRunRow, listJobs, toJobRun } from './jobs.sql.ts';

const tags = ['jobs'];
const ProjectParams = z.strictObject({ projectId: IdSchema });
const JobParams = z.strictObject({ projectId: IdSchema, jobId: IdSchema });
const read = { kind: 'project', permission: 'jobs:read', param: 'projectId' } as const;
const write = { kind: 'project', permission: 'jobs:write', param: 'projectId' } as const;

function enableRoute(enabled: boolean) {
  return tenantRoute({
    method: 'post',
    path: `/api/v1/projects/:projectId/jobs/:jobId/${enabled ? 'enable' : 'disable'}`,
    summary: enabled
      ? 'Enable a job: its schedules fire again, from the next firing after now'
      : 'Disable a job: its schedules stop firing (Run now still works)',
    tags,
    access: write,
    params: JobParams,
    response: JobSchema,
    handler: (ctx) => updateJob(ctx, ctx.params.projectId, ctx.params.jobId, { enabled }),
  });
}

/**
 * A job that names a storage location reads it (its bucket, where data goes) whenever it is made,
 * changed or run now: as a transfer naming one does.
 */
async function requireStorageReadFor(
  ctx: Parameters<typeof requireProjectPermission>[0] & { params: { projectId: string } },
  sides: { sourceLocationId?: string | null; destinationLocationId?: string | null },
) {
  if ((sides.sourceLocationId ?? sides.destinationLocationId ?? null) === null) return;
  await requireProjectPermission(ctx, ctx.params.projectId, 'storage:read');
}

export const jobRoutes = [
  tenantRoute({
    method: 'post',
    path: '/api/v1/projects/:projectId/jobs',
    summary: 'Create a job: a named transfer that runs on its schedules (cron with a time zone, or every N minutes)',
    tags,
    access: write,
    params: ProjectParams,
    body: CreateJobBodySchema,
    response: JobSchema,
    status: 201,
    async handler(ctx) {
      await requireStorageReadFor(ctx, ctx.body);
      return createJob(ctx, ctx.params.projectId, ctx.body);
    },
  }),

  tenantRoute({
    method: 'get',
    path: '/api/v1/projects/:projectId/jobs',
    summary: "List a project's jobs by name, each with its next five firings",
    tags,
    access: read,
    params: ProjectParams,
    response: JobListSchema,
    handler: async ({ tx, params }) => ({ jobs: await listJobs(tx, params.projectId) }),
  }),

  tenantRoute({
    method: 'get',
    path: '/api/v1/projects/:projectId/jobs/:jobId',
    summary: 'Get a job with its schedules and next five firings',
    tags,
    access: read,
    params: JobParams,
    response: JobSchema,
    async handler({ tx, params }) {
      const [job] = await listJobs(tx, params.projectId, params.jobId);
      if (!job) throw notFound('Job');
      return job;
    },
  }),

  tenantRoute({
    method: 'patch',
    path: '/api/v1/projects/:projectId/jobs/:jobId',
    summary: 'Change a job (fields left out stay; schedules, when given, replace them all)',
    tags,
    access: write,
    params: JobParams,
    body: UpdateJobBodySchema,
    response: JobSchema,
    async handler(ctx) {
      await requireStorageReadFor(ctx, ctx.body);
      return updateJob(ctx, ctx.params.projectId, ctx.params.jobId, ctx.body);
    },
  }),

  tenantRoute({
    method: 'delete',
    path: '/api/v1/projects/:projectId/jobs/:jobId',
    summary: 'Delete a job (its runs and their transfers stay in the history)',
    tags,
    access: write,
    params: JobParams,
    response: null,
    handler: (ctx) => deleteJob(ctx, ctx.params.projectId, ctx.params.jobId),
  }),

  enableRoute(true),
  enableRoute(false),

  tenantRoute({
    method: 'post',
    path: '/api/v1/projects/:projectId/jobs/:jobId/run',
    summary: 'Run a job now, under its overlap policy (the run may be skipped or queued behind the previous one)',
    tags,
    // It queues a transfer: whoever may not start transfers may not start this one either.
    access: { ...write, alsoNeeds: 'transfers:write' },
    params: JobParams,
    response: JobRunSchema,
    status: 201,
    handler: (ctx) =>
      runJobNow(ctx, ctx.deps.bus, ctx.params.projectId, ctx.params.jobId, (job) => requireStorageReadFor(ctx, job)),
  }),

  tenantRoute({
    method: 'post',
    path: '/api/v1/projects/:projectId/jobs/:jobId/preview',
    summary:
      "A dry run: what the job's next run would send, find unchanged and, for mirror and move, delete, worked out by both agents (up to 60 s); nothing changes",
    tags,
    // Read: it changes nothing and shows what a run's transfer would show; agents' load is bounded per agent.
    access: read,
    params: JobParams,
    response: JobPreviewSchema,
    async handler({ tx, params, deps }) {
      const [job] = await listJobs(tx, params.projectId, params.jobId);
      if (!job) throw notFound('Job');
      return new AfterTransaction(() => previewJobAsService(deps, job.id));
    },
  }),

  tenantRoute({
    method: 'get',
    path: '/api/v1/projects/:projectId/jobs/:jobId/runs',
    summary:
      "A job's runs, newest firing first: started, then succeeded, failed or canceled with what the transfer did; or skipped, queued or missed with the reason",
    tags,
    access: read,
    params: JobParams,
    query: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
    response: JobRunListSchema,
    async handler({ tx, params, query }) {
      const [job] = await listJobs(tx, params.projectId, params.jobId);
      if (!job) throw notFound('Job');
      const rows = await tx.query<JobRunRow>(
        `select ${JOB_RUN_COLUMNS} from job_runs where job_id = $1 order by fire_time desc, created_at desc limit $2`,
        [job.id, query.limit],
      );
      return { runs: rows.map(toJobRun) };
    },
  }),
];
