import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useServices } from '../../app/app-context.tsx';
import { invitationKeys } from './keys.ts';

export function useRevokeInvitationMutation() {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) => api.revokeInvitation(invitationId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationKeys.list() }),
  });
}
