import { type QueryObserverOptions, useQuery } from '@tanstack/react-query';
import { useServices } from '../../app/app-context.tsx';
import { type AgentListFilter, agentKeys } from './keys.ts';

export function useAgentsQuery(
  projectId: string,
  filter: AgentListFilter = { includeRevoked: false },
  options: Pick<QueryObserverOptions, 'notifyOnChangeProps'> = {},
) {
  const { api } = useServices();
  return useQuery({
    ...options,
    queryKey: agentKeys.list(projectId, filter),
    queryFn: () => api.listAgents(projectId, filter),
  });
}
