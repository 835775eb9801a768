import { useQuery } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { billingKeys } from './keys.ts';

export function usePlansQuery({ enabled = true }: { enabled?: boolean } = {}) {
  const { publicApi } = useServices();
  return useQuery({
    queryKey: billingKeys.plans(),
    queryFn: () => dataOf(publicApi.GET('/api/v1/plans')),
    enabled,
  });
}
