import { useQuery } from '@tanstack/react-query';
import { useServices } from '../../app/app-context.tsx';
import { projectKeys } from './keys.ts';

export function useProjectsQuery() {
  const { api } = useServices();
  return useQuery({ queryKey: projectKeys.list(), queryFn: () => api.listProjects() });
}
