import { useMutation } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';

/** Someone signed in as the invited address joins: the answer is a session in the company joined. */
export function useJoinInvitationMutation() {
  const { api, tokens } = useServices();
  return useMutation({
    mutationFn: (token: string) => dataOf(api.POST('/api/v1/invitations/join', { body: { token } })),
    onSuccess: (session) => tokens.set(session),
  });
}
