import { useMutation } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { JobPreviewSchema } from '@tcpa/contracts';
import { useServices } from '../../app/app-context.tsx';

type PreviewPost = (
  path: '/api/v1/projects/{projectId}/jobs/{jobId}/preview',
  init: { params: { path: { projectId: string; jobId: string } } },
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/**
 * A dry run of the job now, worked out by both agents. The route is the server's newest: until the
 * generated api-paths.ts carries it the call is typed here and its answer checked with the contract.
 */
export function usePreviewJobMutation(projectId: string) {
  const { api } = useServices();
  const post = api.POST as unknown as PreviewPost;
  return useMutation({
    mutationFn: async (jobId: string) =>
      JobPreviewSchema.parse(
        await dataOf(
          post('/api/v1/projects/{projectId}/jobs/{jobId}/preview', { params: { path: { projectId, jobId } } }),
        ),
      ),
  });
}
