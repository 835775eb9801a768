import { useMutation, useQueryClient } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { channelKeys } from './keys.ts';

/**
 * Sends a test message; the server answers once the first attempt is recorded (up to the delivery
 * timeout and a margin, about 12 s), or with the delivery still pending.
 */
export function useTestChannelMutation() {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (channelId: string) =>
      dataOf(api.POST('/api/v1/notification-channels/{channelId}/test', { params: { path: { channelId } } })),
    onSuccess: (_answer, channelId) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: channelKeys.deliveries(channelId) }),
        // A delivered test clears `failingSince`.
        queryClient.invalidateQueries({ queryKey: channelKeys.list() }),
      ]),
  });
}
