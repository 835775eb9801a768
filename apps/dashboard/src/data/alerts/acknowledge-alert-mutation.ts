import { useMutation, useQueryClient } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { alertKeys } from './keys.ts';

export function useAcknowledgeAlertMutation(projectId: string) {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (alertId: string) =>
      dataOf(
        api.POST('/api/v1/projects/{projectId}/alerts/{alertId}/acknowledge', {
          params: { path: { projectId, alertId } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertKeys.alerts(projectId) }),
  });
}
