import { useQuery } from '@tanstack/react-query';
import { useServices } from '../../app/app-context.tsx';
import { enrolmentTokenKeys } from './keys.ts';

export function useEnrolmentTokensQuery(projectId: string) {
  const { api } = useServices();
  return useQuery({
    queryKey: enrolmentTokenKeys.list(projectId),
    queryFn: () => api.listEnrolmentTokens(projectId),
  });
}
