import { useQuery } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { memberKeys } from './keys.ts';

/** The company's members; `enabled: false` for someone who may not list them (the list stays empty). */
export function useMembersQuery({ enabled = true }: { enabled?: boolean } = {}) {
  const { api } = useServices();
  return useQuery({ queryKey: memberKeys.list(), queryFn: () => dataOf(api.GET('/api/v1/members')), enabled });
}
