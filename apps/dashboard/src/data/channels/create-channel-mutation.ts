import { useMutation, useQueryClient } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import type { CreateChannelBody } from '@tcpa/contracts';
import { useServices } from '../../app/app-context.tsx';
import { channelKeys } from './keys.ts';

/** Answers `{channel, signingSecret}`: a webhook's secret is in this answer only. */
export function useCreateChannelMutation() {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateChannelBody) => dataOf(api.POST('/api/v1/notification-channels', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: channelKeys.list() }),
  });
}
