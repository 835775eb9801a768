import { useMutation } from '@tanstack/react-query';
import type { SignupBody } from '@tcpa/contracts';
import { useServices } from '../../app/app-context.tsx';

export function useSignupMutation() {
  const { api, tokens } = useServices();
  return useMutation({
    mutationFn: (body: SignupBody) => api.signup(body),
    onSuccess: (session) => tokens.set(session),
  });
}
