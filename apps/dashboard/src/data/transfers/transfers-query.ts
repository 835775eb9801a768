import { useQuery } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { transferKeys } from './keys.ts';

export function useTransfersQuery(projectId: string) {
  const { api } = useServices();
  return useQuery({
    queryKey: transferKeys.list(projectId),
    queryFn: () =>
      dataOf(
        api.GET('/api/v1/projects/{projectId}/transfers', { params: { path: { projectId }, query: { limit: 200 } } }),
      ),
  });
}
