import { useMutation } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';

/** A new person accepts with a password: the answer is their session, which signs them in. */
export function useAcceptInvitationMutation() {
  const { publicApi, tokens } = useServices();
  return useMutation({
    mutationFn: (body: { token: string; password: string; name?: string }) =>
      dataOf(publicApi.POST('/api/v1/invitations/accept', { body })),
    onSuccess: (session) => tokens.set(session),
  });
}
