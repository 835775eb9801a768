import { useMutation } from '@tanstack/react-query';
import { useServices } from '../../app/app-context.tsx';

/** A new person accepts with a password: the answer is their session, which signs them in. */
export function useAcceptInvitationMutation() {
  const { api, tokens } = useServices();
  return useMutation({
    mutationFn: (body: { token: string; password: string; name?: string }) => api.acceptInvitation(body),
    onSuccess: (session) => tokens.set(session),
  });
}
