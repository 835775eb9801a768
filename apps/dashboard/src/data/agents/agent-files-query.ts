import { useInfiniteQuery } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { agentKeys } from './keys.ts';

const PAGE_SIZE = 200;

/**
 * One folder of an agent, read by the agent itself, a page at a time ("Show more" asks for the
 * next). Not retried: an offline agent answers 409 at once, and the picker says so.
 */
export function useAgentFilesQuery(projectId: string, agentId: string, path: string, enabled = true) {
  const { api } = useServices();
  return useInfiniteQuery({
    queryKey: agentKeys.files(projectId, agentId, path),
    enabled: enabled && agentId !== '',
    retry: false,
    staleTime: 10_000,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      dataOf(
        api.GET('/api/v1/projects/{projectId}/agents/{agentId}/files', {
          params: {
            path: { projectId, agentId },
            query: { path, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}
