import { useMutation, useQueryClient } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { forgetJob } from './job-cache.ts';

export function useDeleteJobMutation(projectId: string) {
  const { api } = useServices();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (jobId: string) =>
      dataOf(api.DELETE('/api/v1/projects/{projectId}/jobs/{jobId}', { params: { path: { projectId, jobId } } })),
    onSuccess: (_answer, jobId) => forgetJob(queryClient, projectId, jobId),
  });
}
