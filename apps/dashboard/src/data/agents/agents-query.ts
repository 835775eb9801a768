import { type QueryObserverOptions, useQuery } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
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
    queryFn: () =>
      dataOf(
        api.GET('/api/v1/projects/{projectId}/agents', {
          params: { path: { projectId }, query: filter.includeRevoked ? { includeRevoked: 'true' } : {} },
        }),
      ),
  });
}
