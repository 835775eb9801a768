import type { QueryClient } from '@tanstack/react-query';
import type { JobRun } from '@tcpa/contracts';
import { jobKeys } from './keys.ts';

const newestFirst = (a: JobRun, b: JobRun) =>
  b.fireTime.localeCompare(a.fireTime) || b.createdAt.localeCompare(a.createdAt);

/**
 * Writes a run from the live `job_run` message into every cached page of its job's runs (the
 * Jobs list holds the newest one, the job page fifty), newest firing first as the server sorts,
 * and refetches the job for its next firings.
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
  // A firing moves the job's next fire times on.
  void queryClient.invalidateQueries({ queryKey: jobKeys.detail(projectId, run.jobId) });
  void queryClient.invalidateQueries({ queryKey: jobKeys.list(projectId) });
}
