import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ProjectRole } from '@tcpa/contracts';
import { useServices } from '../../app/app-context.tsx';
import { projectKeys } from './keys.ts';

/** Adds a person to a project or changes their role there; the answer is the project's new member list. */
export function useSetProjectMemberMutation(projectId: string) {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: ProjectRole }) =>
      api.setProjectMember(projectId, userId, role),
    onSuccess: (members) => queryClient.setQueryData(projectKeys.members(projectId), members),
  });
}
