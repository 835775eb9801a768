import { useQuery } from '@tanstack/react-query';
import { useServices } from '../../app/app-context.tsx';
import { agentKeys } from './keys.ts';

export function useAgentQuery(projectId: string, agentId: string) {
  const { api } = useServices();
  return useQuery({ queryKey: agentKeys.detail(projectId, agentId), queryFn: () => api.getAgent(projectId, agentId) });
}
