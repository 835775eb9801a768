import { useMutation } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';

/** "Test connection": the control plane, then the agent, try the location; nothing is cached. */
export function useTestStorageLocationMutation(projectId: string, locationId: string) {
  const { api } = useServices();
  return useMutation({
    mutationFn: (agentId: string) =>
      dataOf(
        api.POST('/api/v1/projects/{projectId}/storage-locations/{locationId}/test', {
          params: { path: { projectId, locationId } },
          body: { agentId },
        }),
      ),
  });
}
