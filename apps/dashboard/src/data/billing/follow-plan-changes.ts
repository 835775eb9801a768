import type { QueryClient } from '@tanstack/react-query';
import type { RealtimeClient } from '../../realtime/realtime-client.ts';
import { billingKeys } from './keys.ts';

/** A plan change told over the realtime connection (an operator's, or billing's) refreshes the Plan page's figures. */
export function followPlanChanges(realtime: RealtimeClient, queryClient: QueryClient): () => void {
  return realtime.onMessage((message) => {
    if (message.type === 'plan_changed') void queryClient.invalidateQueries({ queryKey: billingKeys.subscription() });
  });
}
