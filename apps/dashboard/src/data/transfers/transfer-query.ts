import { useQuery } from '@tanstack/react-query';
import { useServices } from '../../app/app-context.tsx';
import { transferKeys } from './keys.ts';
import { isFinished } from './transfer-cache.ts';

/** Files and tuner decisions are not in the live message: refetched this often while the transfer runs. */
const DETAIL_REFRESH_MS = 5000;

export function useTransferQuery(projectId: string, transferId: string) {
  const { api } = useServices();
  return useQuery({
    queryKey: transferKeys.detail(projectId, transferId),
    queryFn: () => api.getTransfer(projectId, transferId),
    refetchInterval: (query) => {
      const detail = query.state.data;
      return detail && !isFinished(detail.transfer) ? DETAIL_REFRESH_MS : false;
    },
  });
}
