import { useMutation } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';

/** Opens a Stripe Checkout page for the plan; answers its address (the caller sends the browser there). */
export function useStartCheckoutMutation() {
  const { api } = useServices();
  return useMutation({
    mutationFn: (planId: string) => dataOf(api.POST('/api/v1/billing/checkout', { body: { plan: planId } })),
  });
}
