import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateTransferBodySchema } from '@tcpa/contracts';
import type { z } from 'zod';
import { useServices } from '../../app/app-context.tsx';
import { putTransfer } from './transfer-cache.ts';

export function useCreateTransferMutation(projectId: string) {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof CreateTransferBodySchema>) => api.createTransfer(projectId, body),
    onSuccess: (transfer) => putTransfer(queryClient, projectId, transfer),
  });
}
