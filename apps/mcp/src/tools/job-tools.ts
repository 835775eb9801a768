import { dataOf } from '@tcpa/api-client';
import {
  CreateJobBodySchema,
  IdSchema,
  JobListSchema,
  JobRunListSchema,
  JobRunSchema,
  JobSchema,
} from '@tcpa/contracts';
import { z } from 'zod';
import { ConfirmField, requireConfirmation } from './confirm.ts';
import { deletionQuestion, previewJobTool } from './job-preview-tools.ts';
import { describeJob, describeRun } from './job-words.ts';
import { type AnyToolSpec, defineTool } from './tool-kit.ts';

const ProjectId = IdSchema.describe('the project id (from list_projects)');
const JobId = IdSchema.describe('the job id (from list_jobs)');

const listJobs = defineTool({
  name: 'list_jobs',
  title: 'List jobs',
  description: "Lists a project's jobs (reusable transfers that run on schedules) by name, with their next firings.",
  scopes: ['jobs:read'],
  input: z.strictObject({ projectId: ProjectId }),
  output: JobListSchema,
  annotations: { readOnlyHint: true, idempotentHint: true },
  async run({ projectId }, { api }) {
    const { jobs } = await dataOf(api.GET('/api/v1/projects/{projectId}/jobs', { params: { path: { projectId } } }));
    const lines = jobs.map((job) => `- ${describeJob(job)}`);
    return { structured: { jobs }, text: `${jobs.length} job(s)${lines.length ? `:\n${lines.join('\n')}` : '.'}` };
  },
});

const getJob = defineTool({
  name: 'get_job',
  title: 'Get a job',
  description: 'Gets one job: what it transfers, its mode, filters, schedules and next five firings.',
  scopes: ['jobs:read'],
  input: z.strictObject({ projectId: ProjectId, jobId: JobId }),
  output: JobSchema,
  annotations: { readOnlyHint: true, idempotentHint: true },
  async run({ projectId, jobId }, { api }) {
    const job = await dataOf(
      api.GET('/api/v1/projects/{projectId}/jobs/{jobId}', { params: { path: { projectId, jobId } } }),
    );
    return { structured: job, text: describeJob(job) };
  },
});

const createJob = defineTool({
  name: 'create_job',
  title: 'Create a job',
  description:
    'Creates a job: a named transfer from one agent to another, or between an agent and a storage location (sourceLocationId or destinationLocationId from list_storage_locations, with an optional prefix in it), that runs on its schedules (`{"kind":"cron","cron":"0 2 * * *","timeZone":"Europe/Berlin"}` or `{"kind":"interval","everyMinutes":60}`) and on run_job. Mode `copy` only adds and updates files; `mirror` also deletes files at the destination directory that are not at the source; `move` deletes each source file once it is verified at the destination. Paths are relative to each agent\'s root.',
  scopes: ['jobs:write'],
  input: CreateJobBodySchema.extend({ projectId: ProjectId }),
  output: JobSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  async run({ projectId, ...body }, { api }) {
    const job = await dataOf(api.POST('/api/v1/projects/{projectId}/jobs', { params: { path: { projectId } }, body }));
    return { structured: job, text: `Job created. ${describeJob(job)}` };
  },
});

const listJobRuns = defineTool({
  name: 'list_job_runs',
  title: "List a job's runs",
  description:
    "Lists a job's runs, newest firing first: started, succeeded, failed, canceled, or skipped/queued/missed with the reason; files and bytes copied, files deleted and duration once ended.",
  scopes: ['jobs:read'],
  input: z.strictObject({ projectId: ProjectId, jobId: JobId, limit: z.number().int().min(1).max(500).default(20) }),
  output: JobRunListSchema,
  annotations: { readOnlyHint: true, idempotentHint: true },
  async run({ projectId, jobId, limit }, { api }) {
    const { runs } = await dataOf(
      api.GET('/api/v1/projects/{projectId}/jobs/{jobId}/runs', {
        params: { path: { projectId, jobId }, query: { limit } },
      }),
    );
    const lines = runs.map((run) => `- ${describeRun(run)}`);
    return { structured: { runs }, text: `${runs.length} run(s)${lines.length ? `:\n${lines.join('\n')}` : '.'}` };
  },
});

const deleteJob = defineTool({
  name: 'delete_job',
  title: 'Delete a job',
  description:
    'Deletes a job and its schedules; its past runs and their transfers stay in the history. Destructive: asks the person to confirm.',
  scopes: ['jobs:write'],
  input: z.strictObject({ projectId: ProjectId, jobId: JobId, confirm: ConfirmField }),
  output: z.strictObject({ deleted: z.literal(true), jobId: IdSchema }),
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true },
  async run({ projectId, jobId, confirm }, context) {
    const path = { projectId, jobId };
    const job = await dataOf(context.api.GET('/api/v1/projects/{projectId}/jobs/{jobId}', { params: { path } }));
    const schedules = job.schedules.length === 1 ? '1 schedule' : `${job.schedules.length} schedules`;
    await requireConfirmation(context, confirm, `Delete job "${job.name}" (${job.mode}, ${schedules})?`);
    await dataOf(context.api.DELETE('/api/v1/projects/{projectId}/jobs/{jobId}', { params: { path } }));
    return {
      structured: { deleted: true as const, jobId },
      text: `Job "${job.name}" deleted; its runs stay in the history.`,
    };
  },
});

const runJob = defineTool({
  name: 'run_job',
  title: 'Run a job now',
  description:
    'Runs a job now, under its overlap policy (the run may be skipped or queued behind the previous one). A job in mode mirror or move deletes files: then it asks the person to confirm, with the counts of what it deletes from a preview.',
  scopes: ['jobs:write', 'transfers:write'],
  input: z.strictObject({ projectId: ProjectId, jobId: JobId, confirm: ConfirmField }),
  output: JobRunSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false },
  async run({ projectId, jobId, confirm }, context) {
    const path = { projectId, jobId };
    const job = await dataOf(context.api.GET('/api/v1/projects/{projectId}/jobs/{jobId}', { params: { path } }));
    if (job.mode !== 'copy' && confirm !== true) {
      await requireConfirmation(context, confirm, await deletionQuestion(context.api, projectId, job));
    }
    const run = await dataOf(context.api.POST('/api/v1/projects/{projectId}/jobs/{jobId}/run', { params: { path } }));
    return { structured: run, text: `Run of "${job.name}": ${describeRun(run)}` };
  },
});

export const jobTools: AnyToolSpec[] = [listJobs, getJob, createJob, previewJobTool, runJob, listJobRuns, deleteJob];
