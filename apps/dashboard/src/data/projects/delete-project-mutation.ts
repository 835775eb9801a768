import { useMutation, useQueryClient } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { projectKeys } from './keys.ts';

export function useDeleteProjectMutation() {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (projectId: string) =>
      dataOf(api.DELETE('/api/v1/projects/{projectId}', { params: { path: { projectId } } })),
    onSuccess: (_result, projectId) => {
      queryClient.removeQueries({ queryKey: projectKeys.scope(projectId) });
      return queryClient.invalidateQueries({ queryKey: projectKeys.list() });
    },
  });
}
