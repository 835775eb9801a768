import { useMutation, useQueryClient } from '@tanstack/react-query';
import { dataOf, type RequestBodyOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { putTransfer } from './transfer-cache.ts';

export function useCreateTransferMutation(projectId: string) {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RequestBodyOf<'/api/v1/projects/{projectId}/transfers', 'post'>) =>
      dataOf(api.POST('/api/v1/projects/{projectId}/transfers', { params: { path: { projectId } }, body })),
    onSuccess: (transfer) => putTransfer(queryClient, projectId, transfer),
  });
}
