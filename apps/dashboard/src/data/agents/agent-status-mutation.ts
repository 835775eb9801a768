import { useMutation, useQueryClient } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { putAgent } from './agent-cache.ts';

export type AgentStatusAction = 'approve' | 'reject' | 'revoke';

export function useAgentStatusMutation(projectId: string) {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ agentId, action }: { agentId: string; action: AgentStatusAction }) =>
      dataOf(
        api.POST(`/api/v1/projects/{projectId}/agents/{agentId}/${action}`, {
          params: { path: { projectId, agentId } },
        }),
      ),
    onSuccess: (agent) => putAgent(queryClient, projectId, agent),
  });
}
