import { useMutation, useQueryClient } from '@tanstack/react-query';
import { dataOf, type RequestBodyOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { alertKeys } from './keys.ts';

export type CreateAlertRuleRequest = RequestBodyOf<'/api/v1/projects/{projectId}/alert-rules', 'post'>;
export type UpdateAlertRuleRequest = RequestBodyOf<'/api/v1/projects/{projectId}/alert-rules/{ruleId}', 'patch'>;

export function useCreateAlertRuleMutation(projectId: string) {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateAlertRuleRequest) =>
      dataOf(api.POST('/api/v1/projects/{projectId}/alert-rules', { params: { path: { projectId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertKeys.rules(projectId) }),
  });
}

/** A PATCH: fields left out stay (the enable switch sends `enabled` alone); the condition never changes. */
export function useUpdateAlertRuleMutation(projectId: string) {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ ruleId, body }: { ruleId: string; body: UpdateAlertRuleRequest }) =>
      dataOf(
        api.PATCH('/api/v1/projects/{projectId}/alert-rules/{ruleId}', {
          params: { path: { projectId, ruleId } },
          body,
        }),
      ),
    // A disabled rule's open alerts are resolved by the server's next sweep.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: alertKeys.rules(projectId) }),
        queryClient.invalidateQueries({ queryKey: alertKeys.alerts(projectId) }),
      ]),
  });
}
