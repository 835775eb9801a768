import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useServices } from '../../app/app-context.tsx';
import { apiKeyKeys } from './keys.ts';

export function useRevokeApiKeyMutation() {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (apiKeyId: string) => api.revokeApiKey(apiKeyId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeyKeys.list() }),
  });
}
