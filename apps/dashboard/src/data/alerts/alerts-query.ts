import { useQuery } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { type AlertState, alertKeys } from './keys.ts';

/** No live message announces an alert: the list is fetched again every 10 s while it is shown. */
const REFETCH_MS = 10_000;

export function useAlertsQuery(projectId: string, state: AlertState, limit: number) {
  const { api } = useServices();
  return useQuery({
    queryKey: alertKeys.list(projectId, state),
    queryFn: () =>
      dataOf(
        api.GET('/api/v1/projects/{projectId}/alerts', { params: { path: { projectId }, query: { state, limit } } }),
      ),
    refetchInterval: REFETCH_MS,
    staleTime: REFETCH_MS,
  });
}
