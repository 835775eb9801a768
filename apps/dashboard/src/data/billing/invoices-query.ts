import { useQuery } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { billingKeys } from './keys.ts';

/** The company's latest Stripe invoices, newest first; only for callers with `billing:read`. */
export function useInvoicesQuery({ enabled }: { enabled: boolean }) {
  const { api } = useServices();
  return useQuery({
    queryKey: billingKeys.invoices(),
    queryFn: () => dataOf(api.GET('/api/v1/billing/invoices')),
    enabled,
  });
}
