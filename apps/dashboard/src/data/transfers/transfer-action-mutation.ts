import { useMutation, useQueryClient } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import type { TransferAction } from '@tcpa/contracts';
import { useServices } from '../../app/app-context.tsx';
import { putTransfer } from './transfer-cache.ts';

/** Pause, resume, cancel or retry: the answer is the transfer's new state. */
export function useTransferActionMutation(projectId: string) {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ transferId, action }: { transferId: string; action: TransferAction }) =>
      dataOf(
        api.POST(`/api/v1/projects/{projectId}/transfers/{transferId}/${action}`, {
          params: { path: { projectId, transferId } },
        }),
      ),
    onSuccess: (transfer) => putTransfer(queryClient, projectId, transfer),
  });
}
