import { useMutation, useQueryClient } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import type { AlertRule } from '@tcpa/contracts';
import { useServices } from '../../app/app-context.tsx';
import { isAlertRulesKey } from '../alerts/keys.ts';
import { channelKeys } from './keys.ts';

interface AlertRuleList {
  rules: AlertRule[];
}

export function useDeleteChannelMutation() {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (channelId: string) =>
      dataOf(api.DELETE('/api/v1/notification-channels/{channelId}', { params: { path: { channelId } } })),
    onSuccess: (_answer, channelId) => {
      queryClient.removeQueries({ queryKey: channelKeys.deliveries(channelId) });
      // What the server did (the rules lose the channel), in the cache at once: a page showing a
      // cached list before its refetch must not name a channel that is gone.
      queryClient.setQueriesData<AlertRuleList>(
        { predicate: (query) => isAlertRulesKey(query.queryKey) },
        (list) =>
          list && {
            rules: list.rules.map((rule) => ({
              ...rule,
              channelIds: rule.channelIds.filter((id) => id !== channelId),
            })),
          },
      );
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: channelKeys.list() }),
        queryClient.invalidateQueries({ predicate: (query) => isAlertRulesKey(query.queryKey) }),
      ]);
    },
  });
}
