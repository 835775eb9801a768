import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useServices } from '../../app/app-context.tsx';
import { putAgent } from './agent-cache.ts';

export type AgentStatusAction = 'approve' | 'reject' | 'revoke';

export function useAgentStatusMutation(projectId: string) {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ agentId, action }: { agentId: string; action: AgentStatusAction }) =>
      api.setAgentStatus(projectId, agentId, action),
    onSuccess: (agent) => putAgent(queryClient, projectId, agent),
  });
}
