import type { QueryClient } from '@tanstack/react-query';
import type { Job } from '@tcpa/contracts';
import { jobKeys } from './keys.ts';

/** Writes a job's new state into its project's list (kept sorted by name) and its detail. */
export function putJob(queryClient: QueryClient, projectId: string, job: Job) {
  queryClient.setQueryData<{ jobs: Job[] }>(jobKeys.list(projectId), (list) => {
    if (!list) return list;
    const others = list.jobs.filter((other) => other.id !== job.id);
    return { ...list, jobs: [...others, job].sort((a, b) => a.name.localeCompare(b.name)) };
  });
  queryClient.setQueryData(jobKeys.detail(projectId, job.id), job);
}

export function forgetJob(queryClient: QueryClient, projectId: string, jobId: string) {
  queryClient.setQueryData<{ jobs: Job[] }>(
    jobKeys.list(projectId),
    (list) => list && { ...list, jobs: list.jobs.filter((job) => job.id !== jobId) },
  );
  queryClient.removeQueries({ queryKey: jobKeys.detail(projectId, jobId) });
}
