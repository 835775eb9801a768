import { useMutation, useQueryClient } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { dropAgent } from './agent-cache.ts';

export function useDeleteAgentMutation(projectId: string) {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (agentId: string) =>
      dataOf(api.DELETE('/api/v1/projects/{projectId}/agents/{agentId}', { params: { path: { projectId, agentId } } })),
    onSuccess: (_result, agentId) => dropAgent(queryClient, projectId, agentId),
  });
}
