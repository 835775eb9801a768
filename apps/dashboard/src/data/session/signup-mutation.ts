import { useMutation } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import type { SignupBody } from '@tcpa/contracts';
import { useServices } from '../../app/app-context.tsx';

export function useSignupMutation() {
  const { publicApi, tokens } = useServices();
  return useMutation({
    mutationFn: (body: SignupBody) => dataOf(publicApi.POST('/api/v1/auth/signup', { body })),
    onSuccess: (session) => tokens.set(session),
  });
}
