import { useMutation, useQueryClient } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import type { CreateStorageLocationBodySchema, UpdateStorageLocationBodySchema } from '@tcpa/contracts';
import type { z } from 'zod';
import { useServices } from '../../app/app-context.tsx';
import { storageKeys } from './keys.ts';

/** As sent: the service account key file is its text, parsed by the server. */
export type CreateStorageLocationInput = z.input<typeof CreateStorageLocationBodySchema>;
export type UpdateStorageLocationInput = z.input<typeof UpdateStorageLocationBodySchema>;

export function useCreateStorageLocationMutation(projectId: string) {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateStorageLocationInput) =>
      dataOf(api.POST('/api/v1/projects/{projectId}/storage-locations', { params: { path: { projectId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: storageKeys.list(projectId) }),
  });
}

/** A PATCH: fields left out stay, and so do the credentials when none are sent. */
export function useUpdateStorageLocationMutation(projectId: string) {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ locationId, body }: { locationId: string; body: UpdateStorageLocationInput }) =>
      dataOf(
        api.PATCH('/api/v1/projects/{projectId}/storage-locations/{locationId}', {
          params: { path: { projectId, locationId } },
          body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: storageKeys.list(projectId) }),
  });
}
