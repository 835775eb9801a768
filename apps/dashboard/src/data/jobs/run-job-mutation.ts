import { useMutation, useQueryClient } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { jobKeys } from './keys.ts';

/** Run now: the answer is the run (started, or skipped or queued under the overlap policy). */
export function useRunJobMutation(projectId: string) {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (jobId: string) =>
      dataOf(api.POST('/api/v1/projects/{projectId}/jobs/{jobId}/run', { params: { path: { projectId, jobId } } })),
    onSuccess: (_run, jobId) => void queryClient.invalidateQueries({ queryKey: jobKeys.runs(projectId, jobId) }),
  });
}
