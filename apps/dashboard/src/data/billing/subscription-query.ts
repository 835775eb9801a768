import { useQuery } from '@tanstack/react-query';
import { useServices } from '../../app/app-context.tsx';
import { billingKeys } from './keys.ts';

export function useSubscriptionQuery() {
  const { api } = useServices();
  return useQuery({ queryKey: billingKeys.subscription(), queryFn: () => api.subscription() });
}
