import { useQuery } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { transferKeys } from './keys.ts';
import { isFinished } from './transfer-cache.ts';

/** Files and tuner decisions are not in the live message: refetched this often while the transfer runs. */
const DETAIL_REFRESH_MS = 5000;

export function useTransferQuery(projectId: string, transferId: string) {
  const { api } = useServices();
  return useQuery({
    queryKey: transferKeys.detail(projectId, transferId),
    queryFn: () =>
      dataOf(
        api.GET('/api/v1/projects/{projectId}/transfers/{transferId}', { params: { path: { projectId, transferId } } }),
      ),
    refetchInterval: (query) => {
      const detail = query.state.data;
      return detail && !isFinished(detail.transfer) ? DETAIL_REFRESH_MS : false;
    },
  });
}
