import { useQuery } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { jobKeys } from './keys.ts';

export function useJobQuery(projectId: string, jobId: string) {
  const { api } = useServices();
  return useQuery({
    queryKey: jobKeys.detail(projectId, jobId),
    queryFn: () =>
      dataOf(api.GET('/api/v1/projects/{projectId}/jobs/{jobId}', { params: { path: { projectId, jobId } } })),
  });
}
