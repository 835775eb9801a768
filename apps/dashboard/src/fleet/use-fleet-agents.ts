import { hashKey, useQueryClient } from '@tanstack/react-query';
import type { Agent } from '@tcpa/contracts';
import { useEffect } from 'react';
import { useAgentsQuery } from '../data/agents/agents-query.ts';
import { agentKeys } from '../data/agents/keys.ts';
import { useProjectEvents } from '../data/use-project-events.ts';
import type { LiveFleet } from './live-fleet.ts';

const ALL_AGENTS = { includeRevoked: true };

/**
 * The project's agents, revoked ones too, from the query cache into the live fleet. The page renders
 * at the fleet's throttled pace, not once per cache change: a thousand agents coming back online
 * after an outage are a thousand status messages.
 */
export function useFleetAgents(fleet: LiveFleet, projectId: string) {
  const queryClient = useQueryClient();
  const query = useAgentsQuery(projectId, ALL_AGENTS, { notifyOnChangeProps: ['error'] });
  useProjectEvents(projectId);
  useEffect(() => {
    const key = agentKeys.list(projectId, ALL_AGENTS);
    const hash = hashKey(key);
    const follow = () => {
      const list = queryClient.getQueryData<{ agents: Agent[] }>(key);
      if (list) fleet.sync(list.agents);
    };
    follow();
    return queryClient.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.query.queryHash === hash) follow();
    });
  }, [queryClient, fleet, projectId]);
  return query;
}
