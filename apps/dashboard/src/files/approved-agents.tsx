import type { Agent } from '@tcpa/contracts';
import type { TransferSidesForm } from '../transfers/transfer-sides-form.ts';

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

/** Two agents for an agent-to-agent route; one for a route to or from a storage location. */
export function SidesAgentsNeeded(props: {
  what: 'job' | 'transfer';
  sides: Pick<TransferSidesForm, 'sourceKind' | 'destinationKind'>;
  approved: number;
}) {
  if (props.sides.sourceKind === 'agent' && props.sides.destinationKind === 'agent')
    return <TwoAgentsNeeded what={props.what} approved={props.approved} />;
  if (props.approved > 0) return null;
  return (
    <p className="notice">A {props.what} to or from a storage location needs an approved agent to carry the bytes.</p>
  );
}
