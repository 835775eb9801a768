import { useMutation } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';

/** The answer is a session in the other company; the cache follows the session (see follow-session.ts). */
export function useSwitchCompanyMutation() {
  const { api, tokens } = useServices();
  return useMutation({
    mutationFn: (companyId: string) => dataOf(api.POST('/api/v1/auth/switch-company', { body: { companyId } })),
    onSuccess: (session) => tokens.set(session),
  });
}
