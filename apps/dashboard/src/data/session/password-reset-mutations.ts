import { useMutation } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';

/** Asks for a reset link; the answer is the same whether or not the address has an account. */
export function useRequestPasswordResetMutation() {
  const { publicApi } = useServices();
  return useMutation({
    mutationFn: (email: string) => dataOf(publicApi.POST('/api/v1/auth/password-reset', { body: { email } })),
  });
}

/** Sets the new password with the link's token; every session of the account ends, this tab's too. */
export function useConfirmPasswordResetMutation() {
  const { publicApi, tokens } = useServices();
  return useMutation({
    mutationFn: (body: { token: string; password: string }) =>
      dataOf(publicApi.POST('/api/v1/auth/password-reset/confirm', { body })),
    onSuccess: () => tokens.set(null),
  });
}
