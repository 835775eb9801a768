import { useQuery } from '@tanstack/react-query';
import { useServices } from '../../app/app-context.tsx';
import { sessionKeys } from './keys.ts';

export function useMeQuery() {
  const { api } = useServices();
  return useQuery({ queryKey: sessionKeys.me(), queryFn: () => api.me() });
}
