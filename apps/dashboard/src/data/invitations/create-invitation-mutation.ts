import { useMutation, useQueryClient } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import type { CompanyRole } from '@tcpa/contracts';
import { useServices } from '../../app/app-context.tsx';
import { invitationKeys } from './keys.ts';

export function useCreateInvitationMutation() {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ email, role }: { email: string; role: CompanyRole }) =>
      dataOf(api.POST('/api/v1/invitations', { body: { email, role } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationKeys.list() }),
  });
}
