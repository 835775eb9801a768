import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useServices } from '../../app/app-context.tsx';
import { projectKeys } from './keys.ts';

export function useRenameProjectMutation() {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ projectId, name }: { projectId: string; name: string }) => api.renameProject(projectId, name),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: projectKeys.list() }),
  });
}
