import { useQuery } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { jobKeys } from './keys.ts';

export function useJobsQuery(projectId: string) {
  const { api } = useServices();
  return useQuery({
    queryKey: jobKeys.list(projectId),
    queryFn: () => dataOf(api.GET('/api/v1/projects/{projectId}/jobs', { params: { path: { projectId } } })),
  });
}
