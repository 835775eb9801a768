import { useQuery } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { storageKeys } from './keys.ts';

/** A project's storage locations by name; never their secrets. Not asked when `enabled` is false (no storage:read). */
export function useStorageLocationsQuery(projectId: string, enabled = true) {
  const { api } = useServices();
  return useQuery({
    enabled,
    queryKey: storageKeys.list(projectId),
    queryFn: () =>
      dataOf(api.GET('/api/v1/projects/{projectId}/storage-locations', { params: { path: { projectId } } })),
  });
}
