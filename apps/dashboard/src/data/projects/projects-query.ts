import { useQuery } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { projectKeys } from './keys.ts';

export function useProjectsQuery() {
  const { api } = useServices();
  return useQuery({ queryKey: projectKeys.list(), queryFn: () => dataOf(api.GET('/api/v1/projects')) });
}
