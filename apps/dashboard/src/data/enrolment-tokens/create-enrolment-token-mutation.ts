import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useServices } from '../../app/app-context.tsx';
import { enrolmentTokenKeys } from './keys.ts';

type CreateEnrolmentTokenBody = Parameters<ReturnType<typeof useServices>['api']['createEnrolmentToken']>[1];

export function useCreateEnrolmentTokenMutation(projectId: string) {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateEnrolmentTokenBody) => api.createEnrolmentToken(projectId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: enrolmentTokenKeys.list(projectId) }),
  });
}
