import { useQuery } from '@tanstack/react-query';
import { dataOf } from '@tcpa/api-client';
import { useServices } from '../../app/app-context.tsx';
import { agentKeys } from './keys.ts';

/** An agent's telemetry history over the last `rangeMs`; a minute ahead too, for agents whose clock runs fast. */
export function useTelemetryQuery(projectId: string, agentId: string, rangeMs: number) {
  const { api } = useServices();
  return useQuery({
    queryKey: agentKeys.telemetry(projectId, agentId, rangeMs),
    queryFn: () =>
      dataOf(
        api.GET('/api/v1/projects/{projectId}/agents/{agentId}/telemetry', {
          params: {
            path: { projectId, agentId },
            query: {
              from: new Date(Date.now() - rangeMs).toISOString(),
              to: new Date(Date.now() + 60_000).toISOString(),
              resolution: 'auto',
            },
          },
        }),
      ),
    // Live samples since the fetch are kept by the page that draws them, not here: a page opened
    // later must fetch the history up to its own start.
    staleTime: 0,
    gcTime: 0,
  });
}
