import { useMutation, useQueryClient } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import type { ProjectRole } from '@tcpa/contracts';
import { useServices } from '../../app/app-context.tsx';
import { projectKeys } from './keys.ts';

/** Adds a person to a project or changes their role there; the answer is the project's new member list. */
export function useSetProjectMemberMutation(projectId: string) {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: ProjectRole }) =>
      dataOf(
        api.PUT('/api/v1/projects/{projectId}/members/{userId}', {
          params: { path: { projectId, userId } },
          body: { role },
        }),
      ),
    onSuccess: (members) => queryClient.setQueryData(projectKeys.members(projectId), members),
  });
}
