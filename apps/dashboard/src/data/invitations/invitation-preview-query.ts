import { useQuery } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { invitationKeys } from './keys.ts';

/** What an invitation link offers, asked without a session. */
export function useInvitationPreviewQuery(token: string) {
  const { publicApi } = useServices();
  return useQuery({
    queryKey: invitationKeys.preview(token),
    queryFn: () => dataOf(publicApi.POST('/api/v1/invitations/preview', { body: { token } })),
    enabled: token !== '',
  });
}
