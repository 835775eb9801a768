import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CompanyRole } from '@tcpa/contracts';
import { useServices } from '../../app/app-context.tsx';
import { invitationKeys } from './keys.ts';

export function useCreateInvitationMutation() {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ email, role }: { email: string; role: CompanyRole }) => api.invite(email, role),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationKeys.list() }),
  });
}
