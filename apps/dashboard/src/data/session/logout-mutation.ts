import { useMutation } from '@tanstack/react-query';
import { useServices } from '../../app/app-context.tsx';

/** Ends the session the cookie holds; the page signs out of this tab itself (see the shell). */
export function useLogoutMutation() {
  const { api } = useServices();
  return useMutation({ mutationFn: () => api.logout() });
}
