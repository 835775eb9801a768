import { useQuery } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { billingKeys } from './keys.ts';

export function useSubscriptionQuery() {
  const { api } = useServices();
  return useQuery({ queryKey: billingKeys.subscription(), queryFn: () => dataOf(api.GET('/api/v1/subscription')) });
}
