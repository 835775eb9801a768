import { useQuery } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { invitationKeys } from './keys.ts';

export function useInvitationsQuery() {
  const { api } = useServices();
  return useQuery({ queryKey: invitationKeys.list(), queryFn: () => dataOf(api.GET('/api/v1/invitations')) });
}
