import type { Agent } from '@tcpa/contracts';

/** `all` is the fleet that can still connect; revoked agents are shown only on their own. */
export type PresenceFilter = 'all' | 'online' | 'offline' | 'pending' | 'revoked';

export interface AgentFilter {
  presence: PresenceFilter;
  /** Words matched against name, hostname, platform and tags; `tag:x` matches one tag exactly. */
  search: string;
}

/** What the Fleet page shows for an agent's status. */
export function presenceOf(
  agent: Pick<Agent, 'status' | 'online'>,
): 'online' | 'offline' | 'pending' | 'rejected' | 'revoked' {
  if (agent.status === 'active') return agent.online ? 'online' : 'offline';
  return agent.status;
}

export function filterAgents(agents: readonly Agent[], filter: AgentFilter): Agent[] {
  const words = filter.search.toLowerCase().split(/\s+/).filter(Boolean);
  return agents.filter((agent) => {
    const presence = presenceOf(agent);
    if (filter.presence === 'all' ? presence === 'revoked' : presence !== filter.presence) return false;
    return words.every((word) => {
      if (word.startsWith('tag:')) return agent.tags.includes(word.slice(4));
      return (
        agent.name.toLowerCase().includes(word) ||
        (agent.hostname ?? '').toLowerCase().includes(word) ||
        (agent.platform ?? '').toLowerCase().includes(word) ||
        agent.tags.some((tag) => tag.includes(word))
      );
    });
  });
}

/** Pending first (they need someone), then online, then by name. */
const collator = new Intl.Collator(undefined, { numeric: true });

export function sortAgents(agents: Agent[]): Agent[] {
  const rank = { pending: 0, online: 1, offline: 2, rejected: 3, revoked: 4 } as const;
  return agents.sort((a, b) => rank[presenceOf(a)] - rank[presenceOf(b)] || collator.compare(a.name, b.name));
}

export function countByPresence(agents: readonly Agent[]): Record<PresenceFilter, number> {
  const counts = { all: 0, online: 0, offline: 0, pending: 0, revoked: 0 };
  for (const agent of agents) {
    const presence = presenceOf(agent);
    if (presence !== 'revoked') counts.all += 1;
    if (presence !== 'rejected') counts[presence] += 1;
  }
  return counts;
}
