import { useQuery } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { channelKeys } from './keys.ts';

/** The company's channels (URLs show as their host only). */
export function useChannelsQuery({ enabled = true }: { enabled?: boolean } = {}) {
  const { api } = useServices();
  return useQuery({
    queryKey: channelKeys.list(),
    queryFn: () => dataOf(api.GET('/api/v1/notification-channels')),
    enabled,
  });
}
