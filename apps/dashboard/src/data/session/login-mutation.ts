import { useMutation } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';

export function useLoginMutation() {
  const { publicApi, tokens } = useServices();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) => dataOf(publicApi.POST('/api/v1/auth/login', { body })),
    onSuccess: (session) => tokens.set(session),
  });
}
