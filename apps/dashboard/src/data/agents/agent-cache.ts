import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { Agent } from '@tcpa/contracts';
import { type AgentListFilter, agentKeys } from './keys.ts';

type AgentList = { agents: Agent[] };

/** Writes an agent's new state into every cached list of its project and into its detail. */
export function putAgent(queryClient: QueryClient, projectId: string, agent: Agent) {
  for (const [key, list] of queryClient.getQueriesData<AgentList>({ queryKey: agentKeys.lists(projectId) })) {
    if (!list) continue;
    const listed = agent.status !== 'revoked' || filterOf(key).includeRevoked;
    const known = list.agents.some((a) => a.id === agent.id);
    let agents: Agent[] | null;
    if (!listed) agents = known ? list.agents.filter((a) => a.id !== agent.id) : null;
    else agents = known ? list.agents.map((a) => (a.id === agent.id ? agent : a)) : [...list.agents, agent];
    if (agents) queryClient.setQueryData<AgentList>(key, { ...list, agents });
  }
  queryClient.setQueryData<Agent>(agentKeys.detail(projectId, agent.id), (current) => current && agent);
}

/** Takes a deleted agent out of its project's cached lists and detail. */
export function dropAgent(queryClient: QueryClient, projectId: string, agentId: string) {
  queryClient.setQueriesData<AgentList>(
    { queryKey: agentKeys.lists(projectId) },
    (list) => list && { ...list, agents: list.agents.filter((a) => a.id !== agentId) },
  );
  queryClient.removeQueries({ queryKey: agentKeys.detail(projectId, agentId) });
}

function filterOf(key: QueryKey): AgentListFilter {
  return (key.at(-1) as AgentListFilter | undefined) ?? { includeRevoked: false };
}
