import { useMutation } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';

/** Ends the session the cookie holds; the page signs out of this tab itself (see the shell). */
export function useLogoutMutation() {
  const { publicApi } = useServices();
  return useMutation({ mutationFn: () => dataOf(publicApi.POST('/api/v1/auth/logout', { body: {} })) });
}
