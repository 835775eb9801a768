import { useQuery } from '@tanstack/react-query';
import { useServices } from '../../app/app-context.tsx';
import { billingKeys } from './keys.ts';

export function usePlansQuery() {
  const { api } = useServices();
  return useQuery({ queryKey: billingKeys.plans(), queryFn: () => api.plans() });
}
