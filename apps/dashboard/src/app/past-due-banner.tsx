import { Link, useLocation } from '@tanstack/react-router';
import { planNameOf } from '../billing/plan-names.ts';
import { useBillingQuery } from '../data/billing/billing-query.ts';
import { usePlansQuery } from '../data/billing/plans-query.ts';
import { formatTime } from '../ui/format.ts';
import { can, useWorkspace } from './app-context.tsx';

/**
 * On every page but the Plan page (which says it at more length), for those who pay (owners and
 * billing members): the last payment failed, and until when the paid plan is kept. An admin, who
 * reads billing but cannot pay, sees it on the Plan page only.
 */
export function PastDueBanner() {
  const { me } = useWorkspace();
  const onPlanPage = useLocation({ select: (location) => location.pathname === '/plan' });
  const pays = can(me, 'billing:write');
  // Disabled, the query still answers what the Plan page cached: the permission decides, not the cache.
  const billing = useBillingQuery({ enabled: pays });
  const pastDue = billing.data?.status === 'past_due' ? billing.data : undefined;
  const plans = usePlansQuery({ enabled: pastDue !== undefined });
  if (!pays || !pastDue?.graceEndsAt || onPlanPage) return null;
  const plan = planNameOf(plans.data?.plans, pastDue.billedPlanId ?? 'paid');
  const graceOver = Date.parse(pastDue.graceEndsAt) <= Date.now();
  return (
    <div className="notice past-due-banner" role="alert">
      <span>
        {graceOver
          ? `Payment failed: the company moved to Free on ${formatTime(pastDue.graceEndsAt)}; pay to get the ${plan} plan back.`
          : `Payment failed: pay by ${formatTime(pastDue.graceEndsAt)} to keep the ${plan} plan.`}
      </span>{' '}
      <Link to="/plan">See Plan &amp; usage</Link>
    </div>
  );
}
