import type { QueryClient } from '@tanstack/react-query';
import type { RealtimeClient } from '../../realtime/realtime-client.ts';
import { billingKeys } from './keys.ts';

/**
 * A plan change told over the realtime connection (an operator's, or billing's: a payment, a
 * failure, a cancellation) refreshes the Plan page's figures, its billing state and its invoices.
 * `billingKeys.billing()` is a prefix of the invoices' key, so both are refreshed by it.
 */
export function followPlanChanges(realtime: RealtimeClient, queryClient: QueryClient): () => void {
  return realtime.onMessage((message) => {
    if (message.type !== 'plan_changed') return;
    void queryClient.invalidateQueries({ queryKey: billingKeys.subscription() });
    void queryClient.invalidateQueries({ queryKey: billingKeys.billing() });
  });
}
