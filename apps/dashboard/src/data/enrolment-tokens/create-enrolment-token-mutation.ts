import { useMutation, useQueryClient } from '@tanstack/react-query';
import { dataOf, type RequestBodyOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { enrolmentTokenKeys } from './keys.ts';

type CreateEnrolmentTokenBody = RequestBodyOf<'/api/v1/projects/{projectId}/enrolment-tokens', 'post'>;

export function useCreateEnrolmentTokenMutation(projectId: string) {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateEnrolmentTokenBody) =>
      dataOf(api.POST('/api/v1/projects/{projectId}/enrolment-tokens', { params: { path: { projectId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: enrolmentTokenKeys.list(projectId) }),
  });
}
