import { useQuery } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { enrolmentTokenKeys } from './keys.ts';

export function useEnrolmentTokensQuery(projectId: string) {
  const { api } = useServices();
  return useQuery({
    queryKey: enrolmentTokenKeys.list(projectId),
    queryFn: () =>
      dataOf(api.GET('/api/v1/projects/{projectId}/enrolment-tokens', { params: { path: { projectId } } })),
  });
}
