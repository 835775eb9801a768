import { useQuery } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { billingKeys } from './keys.ts';

/** How the plan is paid for; only for callers with `billing:read` (pass `enabled: false` otherwise). */
export function useBillingQuery({ enabled }: { enabled: boolean }) {
  const { api } = useServices();
  return useQuery({
    queryKey: billingKeys.billing(),
    queryFn: () => dataOf(api.GET('/api/v1/billing')),
    enabled,
  });
}
