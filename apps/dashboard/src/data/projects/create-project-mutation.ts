import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateProjectBody } from '@tcpa/contracts';
import { useServices } from '../../app/app-context.tsx';
import { projectKeys } from './keys.ts';

export function useCreateProjectMutation() {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateProjectBody) => api.createProject(body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: projectKeys.list() }),
  });
}
