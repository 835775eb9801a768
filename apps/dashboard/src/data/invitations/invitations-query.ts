import { useQuery } from '@tanstack/react-query';
import { useServices } from '../../app/app-context.tsx';
import { invitationKeys } from './keys.ts';

export function useInvitationsQuery() {
  const { api } = useServices();
  return useQuery({ queryKey: invitationKeys.list(), queryFn: () => api.listInvitations() });
}
