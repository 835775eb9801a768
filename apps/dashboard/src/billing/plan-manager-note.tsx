import type { Billing, Subscription } from '@tcpa/contracts';
import { formatDate } from './format-money.ts';

/** When the Stripe subscription renews, or ends (cancelled in the portal); known to `billing:read` only. */
function StripePeriod({ billing }: { billing: Billing | undefined }) {
  if (!billing?.currentPeriodEnd) return null;
  const end = formatDate(billing.currentPeriodEnd);
  return billing.cancelAtPeriodEnd ? (
    <> · ends on {end}, then the company moves to Free (nothing is deleted)</>
  ) : (
    <> · renews on {end}</>
  );
}

/** Who sets the company's plan: Stripe (a plan bought here) or the operator of this server. */
export function PlanManagerNote(props: {
  subscription: Subscription;
  billing: Billing | undefined;
  upgradesOffered: boolean;
}) {
  const { subscription, billing, upgradesOffered } = props;
  if (subscription.managedBy === 'stripe') {
    return (
      <p className="plan-manager">
        Billed through Stripe
        <StripePeriod billing={billing} />
      </p>
    );
  }
  return (
    <p className="plan-manager muted">
      Set by the operator of this server (with{' '}
      <code>tcpa admin set-plan --company &lt;id|name&gt; --plan &lt;plan&gt;</code> on the server's machine):{' '}
      {upgradesOffered ? 'ask them to change it, or upgrade below through Stripe.' : 'ask them to change yours.'}
    </p>
  );
}
