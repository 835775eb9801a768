import { useQuery } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { projectKeys } from './keys.ts';

export function useProjectMembersQuery(projectId: string) {
  const { api } = useServices();
  return useQuery({
    queryKey: projectKeys.members(projectId),
    queryFn: () => dataOf(api.GET('/api/v1/projects/{projectId}/members', { params: { path: { projectId } } })),
  });
}
