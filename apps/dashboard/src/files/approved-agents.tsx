import type { Agent } from '@tcpa/contracts';

/** The agents a transfer or job may name: approved ones (pending and disabled agents take no part). */
export function approvedAgents(agents: readonly Agent[]): Agent[] {
  return agents.filter((agent) => agent.status === 'active');
}

/** Says why the form cannot be sent yet while the project has fewer than two approved agents. */
export function TwoAgentsNeeded({ what, approved }: { what: 'job' | 'transfer'; approved: number }) {
  if (approved >= 2) return null;
  return (
    <p className="notice">
      A {what} needs two approved agents in this project; this one has {approved}.
    </p>
  );
}
