import { useQuery } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { storageKeys } from './keys.ts';

/** A project's storage locations by name; never their secrets. */
export function useStorageLocationsQuery(projectId: string) {
  const { api } = useServices();
  return useQuery({
    queryKey: storageKeys.list(projectId),
    queryFn: () =>
      dataOf(api.GET('/api/v1/projects/{projectId}/storage-locations', { params: { path: { projectId } } })),
  });
}
