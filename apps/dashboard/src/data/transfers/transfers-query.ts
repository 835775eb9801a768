import { useQuery } from '@tanstack/react-query';
import { useServices } from '../../app/app-context.tsx';
import { transferKeys } from './keys.ts';

export function useTransfersQuery(projectId: string) {
  const { api } = useServices();
  return useQuery({ queryKey: transferKeys.list(projectId), queryFn: () => api.listTransfers(projectId) });
}
