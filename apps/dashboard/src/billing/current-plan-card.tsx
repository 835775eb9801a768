import type { Billing, Subscription } from '@tcpa/contracts';
import { ManageBillingButton } from './manage-billing-button.tsx';
import { PlanManagerNote } from './plan-manager-note.tsx';
import { interval } from './plan-text.ts';
import { Meter, OverLimit } from './usage-meter.tsx';

/** The plan in force: who manages it, its usage against its limits, and "Manage billing" for those who pay. */
export function CurrentPlanCard(props: {
  subscription: Subscription;
  billing: Billing | undefined;
  mayPay: boolean;
  upgradesOffered: boolean;
}) {
  const { subscription, billing, mayPay, upgradesOffered } = props;
  const { plan, usage, status } = subscription;
  // When past due, the notice above offers it, with what to pay by when.
  const offersPortal = mayPay && billing?.portalAvailable === true && billing.status !== 'past_due';
  return (
    <div className="card">
      <h2>
        {plan.name} <span className="badge">{status.replace('_', ' ')}</span>
      </h2>
      <PlanManagerNote subscription={subscription} billing={billing} upgradesOffered={upgradesOffered} />
      <Meter label="Projects" used={usage.projects} max={plan.maxProjects} />
      <Meter label="Agents" used={usage.agents} max={plan.maxAgents} />
      <OverLimit plan={plan.name} noun="project" used={usage.projects} max={plan.maxProjects} />
      <OverLimit plan={plan.name} noun="agent" used={usage.agents} max={plan.maxAgents} />
      <p>
        Telemetry {interval(plan.telemetryIntervalMs)} · History kept {plan.retentionDays} days · {usage.members} member
        {usage.members === 1 ? '' : 's'}
      </p>
      {offersPortal && <ManageBillingButton className="secondary" />}
    </div>
  );
}
