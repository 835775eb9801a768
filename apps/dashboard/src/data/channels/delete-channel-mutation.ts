import { useMutation, useQueryClient } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { isAlertRulesKey } from '../alerts/keys.ts';
import { channelKeys } from './keys.ts';

export function useDeleteChannelMutation() {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (channelId: string) =>
      dataOf(api.DELETE('/api/v1/notification-channels/{channelId}', { params: { path: { channelId } } })),
    onSuccess: (_answer, channelId) => {
      queryClient.removeQueries({ queryKey: channelKeys.deliveries(channelId) });
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: channelKeys.list() }),
        queryClient.invalidateQueries({ predicate: (query) => isAlertRulesKey(query.queryKey) }),
      ]);
    },
  });
}
