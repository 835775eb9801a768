import { useQuery } from '@tanstack/react-query';
import { useServices } from '../../app/app-context.tsx';
import { apiKeyKeys } from './keys.ts';

export function useApiKeysQuery() {
  const { api } = useServices();
  return useQuery({ queryKey: apiKeyKeys.list(), queryFn: () => api.listApiKeys() });
}
