import { useMutation, useQueryClient } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { projectKeys } from './keys.ts';

export function useRemoveProjectMemberMutation(projectId: string) {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      dataOf(api.DELETE('/api/v1/projects/{projectId}/members/{userId}', { params: { path: { projectId, userId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: projectKeys.members(projectId) }),
  });
}
