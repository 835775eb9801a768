import { useMutation } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';

/** A dry run of the job now, worked out by both agents: nothing is sent or deleted. */
export function usePreviewJobMutation(projectId: string) {
  const { api } = useServices();
  return useMutation({
    mutationFn: (jobId: string) =>
      dataOf(api.POST('/api/v1/projects/{projectId}/jobs/{jobId}/preview', { params: { path: { projectId, jobId } } })),
  });
}
