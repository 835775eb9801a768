import { useQuery } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { alertKeys } from './keys.ts';

export function useAlertRulesQuery(projectId: string) {
  const { api } = useServices();
  return useQuery({
    queryKey: alertKeys.rules(projectId),
    queryFn: () => dataOf(api.GET('/api/v1/projects/{projectId}/alert-rules', { params: { path: { projectId } } })),
  });
}
