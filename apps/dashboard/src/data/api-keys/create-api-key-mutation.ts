import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateApiKeyBody } from '@tcpa/contracts';
import { useServices } from '../../app/app-context.tsx';
import { apiKeyKeys } from './keys.ts';

export function useCreateApiKeyMutation() {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApiKeyBody) => api.createApiKey(body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeyKeys.list() }),
  });
}
