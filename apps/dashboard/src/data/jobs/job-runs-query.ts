import { useQuery } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { jobKeys } from './keys.ts';

/** Kept live by the project's `job_run` messages (see job-run-cache.ts). */
export function useJobRunsQuery(projectId: string, jobId: string, limit = 50) {
  const { api } = useServices();
  return useQuery({
    queryKey: jobKeys.runsPage(projectId, jobId, limit),
    queryFn: () =>
      dataOf(
        api.GET('/api/v1/projects/{projectId}/jobs/{jobId}/runs', {
          params: { path: { projectId, jobId }, query: { limit } },
        }),
      ),
  });
}
