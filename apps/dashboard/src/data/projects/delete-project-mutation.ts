import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useServices } from '../../app/app-context.tsx';
import { projectKeys } from './keys.ts';

export function useDeleteProjectMutation() {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (projectId: string) => api.deleteProject(projectId),
    onSuccess: (_result, projectId) => {
      queryClient.removeQueries({ queryKey: projectKeys.scope(projectId) });
      return queryClient.invalidateQueries({ queryKey: projectKeys.list() });
    },
  });
}
