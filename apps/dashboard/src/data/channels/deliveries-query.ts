import { useQuery } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { channelKeys } from './keys.ts';

const LOG_LENGTH = 20;

/** A channel's delivery log, newest first; fetched while it is shown, again every 10 s (retries land). */
export function useDeliveriesQuery(channelId: string) {
  const { api } = useServices();
  return useQuery({
    queryKey: channelKeys.deliveries(channelId),
    queryFn: () =>
      dataOf(
        api.GET('/api/v1/notification-channels/{channelId}/deliveries', {
          params: { path: { channelId }, query: { limit: LOG_LENGTH } },
        }),
      ),
    refetchInterval: 10_000,
  });
}
