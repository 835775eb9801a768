import { useMutation } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';

/** Opens the Stripe Customer Portal; answers its address (the caller sends the browser there). */
export function useOpenPortalMutation() {
  const { api } = useServices();
  return useMutation({ mutationFn: () => dataOf(api.POST('/api/v1/billing/portal')) });
}
