import { useInfiniteQuery } from '@tanstack/react-query';
import { useServices } from '../../app/app-context.tsx';
import { auditKeys } from './keys.ts';

/** The audit log newest first, a page at a time ("Older entries" fetches the next). */
export function useAuditLogQuery() {
  const { api } = useServices();
  return useInfiniteQuery({
    queryKey: auditKeys.log(),
    queryFn: ({ pageParam }) => api.auditLog(pageParam),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (page) => page.nextBefore ?? undefined,
  });
}
