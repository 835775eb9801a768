import { useMutation, useQueryClient } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { invitationKeys } from './keys.ts';

export function useRevokeInvitationMutation() {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) =>
      dataOf(api.DELETE('/api/v1/invitations/{invitationId}', { params: { path: { invitationId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationKeys.list() }),
  });
}
