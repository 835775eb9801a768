import { useMutation, useQueryClient } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import type { CompanyRole } from '@tcpa/contracts';
import { useServices } from '../../app/app-context.tsx';
import { memberKeys } from './keys.ts';

/** The answer is the company's new member list. */
export function useChangeMemberRoleMutation() {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: CompanyRole }) =>
      dataOf(api.PATCH('/api/v1/members/{userId}', { params: { path: { userId } }, body: { role } })),
    onSuccess: (members) => queryClient.setQueryData(memberKeys.list(), members),
  });
}
