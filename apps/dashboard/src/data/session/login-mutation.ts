import { useMutation } from '@tanstack/react-query';
import { useServices } from '../../app/app-context.tsx';

export function useLoginMutation() {
  const { api, tokens } = useServices();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) => api.login(body),
    onSuccess: (session) => tokens.set(session),
  });
}
