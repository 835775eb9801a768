import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useServices } from '../../app/app-context.tsx';
import { dropAgent } from './agent-cache.ts';

export function useDeleteAgentMutation(projectId: string) {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (agentId: string) => api.deleteAgent(projectId, agentId),
    onSuccess: (_result, agentId) => dropAgent(queryClient, projectId, agentId),
  });
}
