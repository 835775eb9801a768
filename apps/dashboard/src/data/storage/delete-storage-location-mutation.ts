import { useMutation, useQueryClient } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { storageKeys } from './keys.ts';

export function useDeleteStorageLocationMutation(projectId: string) {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (locationId: string) =>
      dataOf(
        api.DELETE('/api/v1/projects/{projectId}/storage-locations/{locationId}', {
          params: { path: { projectId, locationId } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: storageKeys.list(projectId) }),
  });
}
