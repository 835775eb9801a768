import { useMutation, useQueryClient } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import type { UpdateChannelBody } from '@tcpa/contracts';
import { useServices } from '../../app/app-context.tsx';
import { channelKeys } from './keys.ts';

/** A PATCH: fields left out stay (the enable switch sends `enabled` alone). */
export function useUpdateChannelMutation() {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ channelId, body }: { channelId: string; body: UpdateChannelBody }) =>
      dataOf(api.PATCH('/api/v1/notification-channels/{channelId}', { params: { path: { channelId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: channelKeys.list() }),
  });
}
