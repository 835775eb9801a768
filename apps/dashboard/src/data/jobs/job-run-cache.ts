import type { QueryClient } from '@tanstack/react-query';
import type { Job, JobRun } from '@tcpa/contracts';
import { jobKeys } from './keys.ts';

const newestFirst = (a: JobRun, b: JobRun) =>
  b.fireTime.localeCompare(a.fireTime) || b.createdAt.localeCompare(a.createdAt);

/**
 * Writes a run from the live `job_run` message into every cached page of its job's runs (the job
 * page holds fifty) and into the Jobs list's `lastRun` when it is the newest, newest firing first
 * as the server sorts, and refetches the job for its next firings.
 */
export function putJobRun(queryClient: QueryClient, projectId: string, run: JobRun) {
  if (!run.jobId) return;
  for (const [key, page] of queryClient.getQueriesData<{ runs: JobRun[] }>({
    queryKey: jobKeys.runs(projectId, run.jobId),
  })) {
    if (!page) continue;
    const limit = Number(key.at(-1));
    const runs = [run, ...page.runs.filter((other) => other.id !== run.id)].sort(newestFirst).slice(0, limit);
    queryClient.setQueryData(key, { ...page, runs });
  }
  queryClient.setQueryData<{ jobs: Job[] }>(jobKeys.list(projectId), (list) => {
    if (!list) return list;
    const jobs = list.jobs.map((job) => {
      if (job.id !== run.jobId) return job;
      const newest = job.lastRun && job.lastRun.id !== run.id && newestFirst(job.lastRun, run) < 0 ? job.lastRun : run;
      return { ...job, lastRun: newest };
    });
    return { ...list, jobs };
  });
  // A firing moves the job's next fire times on.
  void queryClient.invalidateQueries({ queryKey: jobKeys.detail(projectId, run.jobId) });
  void queryClient.invalidateQueries({ queryKey: jobKeys.list(projectId) });
}
