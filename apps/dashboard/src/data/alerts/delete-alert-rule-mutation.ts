import { useMutation, useQueryClient } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { alertKeys } from './keys.ts';

/** The rule's open alerts are resolved without a message. */
export function useDeleteAlertRuleMutation(projectId: string) {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ruleId: string) =>
      dataOf(
        api.DELETE('/api/v1/projects/{projectId}/alert-rules/{ruleId}', { params: { path: { projectId, ruleId } } }),
      ),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: alertKeys.rules(projectId) }),
        queryClient.invalidateQueries({ queryKey: alertKeys.alerts(projectId) }),
      ]),
  });
}
