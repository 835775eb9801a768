import { useQuery } from '@tanstack/react-query';
import { useServices } from '../../app/app-context.tsx';
import { projectKeys } from './keys.ts';

export function useProjectMembersQuery(projectId: string) {
  const { api } = useServices();
  return useQuery({ queryKey: projectKeys.members(projectId), queryFn: () => api.listProjectMembers(projectId) });
}
