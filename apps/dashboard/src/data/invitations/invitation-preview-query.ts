import { useQuery } from '@tanstack/react-query';
import { useServices } from '../../app/app-context.tsx';
import { invitationKeys } from './keys.ts';

/** What an invitation link offers, asked without a session. */
export function useInvitationPreviewQuery(token: string) {
  const { api } = useServices();
  return useQuery({
    queryKey: invitationKeys.preview(token),
    queryFn: () => api.previewInvitation(token),
    enabled: token !== '',
  });
}
