import { ApiError, dataOf, type PlatformClient } from '@tcpa/api-client';
import { IdSchema, type Job, type JobPreview, JobPreviewSchema } from '@tcpa/contracts';
import { z } from 'zod';
import { explainApiError } from '../api/api-error.ts';
import { formatBytes } from './format.ts';
import { describeJobDestination, describeJobSource } from './job-words.ts';
import { type AnyToolSpec, defineTool } from './tool-kit.ts';

type PlannedFiles = JobPreview['plan']['send'];

const counted = (files: PlannedFiles) => `${files.count} file(s) (${formatBytes(files.bytes)})`;

function listed(label: string, files: PlannedFiles, shown = 10): string {
  if (files.count === 0) return '';
  const paths = files.paths.slice(0, shown).map((file) => `  - ${file.path}`);
  const more = files.count > paths.length ? `\n  … and ${files.count - paths.length} more` : '';
  return `\n${label} ${counted(files)}:\n${paths.join('\n')}${more}`;
}

/** The plan in words: counts first, then the first paths of what would be deleted and sent. */
export function describePreview({ mode, plan }: JobPreview): string {
  const deletions =
    mode === 'copy'
      ? ''
      : `; would delete ${counted(mode === 'mirror' ? plan.deleteAtDestination : plan.deleteAtSource)} ${mode === 'mirror' ? 'at the destination' : 'at the source once verified'}`;
  return `Preview (${mode}): would send ${counted(plan.send)}; ${counted(plan.unchanged)} already there${deletions}.${listed('Deleted at the destination:', plan.deleteAtDestination)}${listed('Deleted at the source:', plan.deleteAtSource)}${listed('Sent:', plan.send)}`;
}

export async function previewJob(api: PlatformClient, projectId: string, jobId: string): Promise<JobPreview> {
  return dataOf(
    api.POST('/api/v1/projects/{projectId}/jobs/{jobId}/preview', { params: { path: { projectId, jobId } } }),
  );
}

/**
 * What running a mirror or move job deletes, for the person to confirm: the preview's counts and
 * first paths when the agents can plan it now, else what the mode deletes in general and why no
 * counts could be given.
 */
export async function deletionQuestion(api: PlatformClient, projectId: string, job: Job): Promise<string> {
  const source = describeJobSource(job);
  const destination = describeJobDestination(job);
  const where =
    job.mode === 'mirror'
      ? `Files in ${destination} that are not in ${source} will be deleted.`
      : `Every file sent from ${source} will be deleted there once verified at ${destination}.`;
  try {
    const preview = await previewJob(api, projectId, job.id);
    return `Run job "${job.name}" (${job.mode})? ${where} ${describePreview(preview)}`;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return `Run job "${job.name}" (${job.mode})? ${where} (No counts: the preview failed. ${explainApiError(error)})`;
  }
}

export const previewJobTool = defineTool({
  name: 'preview_job',
  title: 'Preview a job',
  description:
    "A dry run of a job's next run, worked out by both agents (up to 60 s): what it would send, what is already there and, for mirror and move, what it would delete. Nothing changes. Both agents must be online.",
  scopes: ['jobs:read'],
  input: z.strictObject({
    projectId: IdSchema.describe('the project id (from list_projects)'),
    jobId: IdSchema.describe('the job id (from list_jobs)'),
  }),
  output: JobPreviewSchema,
  annotations: { readOnlyHint: true, idempotentHint: true },
  async run({ projectId, jobId }, { api }) {
    const preview = await previewJob(api, projectId, jobId);
    return { structured: preview, text: describePreview(preview) };
  },
}) satisfies AnyToolSpec;
