import { useInfiniteQuery } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { auditKeys } from './keys.ts';

/** The audit log newest first, a page at a time ("Older entries" fetches the next). */
export function useAuditLogQuery() {
  const { api } = useServices();
  return useInfiniteQuery({
    queryKey: auditKeys.log(),
    queryFn: ({ pageParam }) =>
      dataOf(
        api.GET('/api/v1/audit-log', {
          params: { query: pageParam === undefined ? { limit: 100 } : { limit: 100, before: pageParam } },
        }),
      ),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (page) => page.nextBefore ?? undefined,
  });
}
