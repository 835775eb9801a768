import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useServices } from '../../app/app-context.tsx';
import { projectKeys } from './keys.ts';

export function useRemoveProjectMemberMutation(projectId: string) {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api.removeProjectMember(projectId, userId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: projectKeys.members(projectId) }),
  });
}
