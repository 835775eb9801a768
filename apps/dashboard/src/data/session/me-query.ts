import { useQuery } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { sessionKeys } from './keys.ts';

export function useMeQuery() {
  const { api } = useServices();
  return useQuery({ queryKey: sessionKeys.me(), queryFn: () => dataOf(api.GET('/api/v1/me')) });
}
