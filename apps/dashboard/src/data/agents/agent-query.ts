import { useQuery } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { agentKeys } from './keys.ts';

export function useAgentQuery(projectId: string, agentId: string) {
  const { api } = useServices();
  return useQuery({
    queryKey: agentKeys.detail(projectId, agentId),
    queryFn: () =>
      dataOf(api.GET('/api/v1/projects/{projectId}/agents/{agentId}', { params: { path: { projectId, agentId } } })),
  });
}
