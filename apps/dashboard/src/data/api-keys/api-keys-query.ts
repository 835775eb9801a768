import { useQuery } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { apiKeyKeys } from './keys.ts';

export function useApiKeysQuery() {
  const { api } = useServices();
  return useQuery({ queryKey: apiKeyKeys.list(), queryFn: () => dataOf(api.GET('/api/v1/api-keys')) });
}
