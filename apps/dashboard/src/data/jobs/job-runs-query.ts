import { useQuery } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import type { JobRun } from '@tcpa/contracts';
import { useServices } from '../../app/app-context.tsx';
import { jobKeys } from './keys.ts';

/**
 * A run's figures are written when its transfer ends, which the transfer's live message can
 * announce a moment before: while a run is unfinished the list is also refetched this often.
 */
const UNFINISHED_REFRESH_MS = 5000;
const UNFINISHED: ReadonlyArray<JobRun['status']> = ['started', 'queued'];

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
    refetchInterval: (query) =>
      query.state.data?.runs.some((run) => UNFINISHED.includes(run.status)) ? UNFINISHED_REFRESH_MS : false,
  });
}
