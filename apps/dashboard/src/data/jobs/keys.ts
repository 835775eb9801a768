import { projectKeys } from '../projects/keys.ts';

export const jobKeys = {
  list: (projectId: string) => [...projectKeys.scope(projectId), 'jobs', 'list'] as const,
  detail: (projectId: string, jobId: string) => [...projectKeys.scope(projectId), 'jobs', 'detail', jobId] as const,
  /** Every runs query of a job, whatever its limit. */
  runs: (projectId: string, jobId: string) => [...projectKeys.scope(projectId), 'jobs', 'runs', jobId] as const,
  runsPage: (projectId: string, jobId: string, limit: number) => [...jobKeys.runs(projectId, jobId), limit] as const,
};
