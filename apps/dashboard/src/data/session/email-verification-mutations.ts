import { useMutation, useQueryClient } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { sessionKeys } from './keys.ts';

/** Follows a verification link; "me" (its `emailVerified`) is read again. */
export function useVerifyEmailMutation() {
  const { publicApi } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => dataOf(publicApi.POST('/api/v1/auth/verify-email', { body: { token } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionKeys.me() }),
  });
}

/** Emails the signed-in person a new verification link. */
export function useResendVerificationMutation() {
  const { api } = useServices();
  return useMutation({ mutationFn: () => dataOf(api.POST('/api/v1/auth/verify-email/resend')) });
}
