import { getRouteApi } from '@tanstack/react-router';
import type { Plan } from '@tcpa/contracts';
import { can, useWorkspace } from '../app/app-context.tsx';
import { CheckoutReturnNotice } from '../billing/checkout-return-notice.tsx';
import { CurrentPlanCard } from '../billing/current-plan-card.tsx';
import { InvoicesTable } from '../billing/invoices-table.tsx';
import { PastDueNotice } from '../billing/past-due-notice.tsx';
import { PlanCard } from '../billing/plan-card.tsx';
import { planNameOf } from '../billing/plan-names.ts';
import { offersUpgrade } from '../billing/upgrade-rule.ts';
import { useBillingQuery } from '../data/billing/billing-query.ts';
import { useInvoicesQuery } from '../data/billing/invoices-query.ts';
import { usePlansQuery } from '../data/billing/plans-query.ts';
import { useSubscriptionQuery } from '../data/billing/subscription-query.ts';
import { queryError } from '../data/query-error.ts';
import { ErrorNotice, Loading, PageHeader } from '../ui/states.tsx';

const route = getRouteApi('/_signedIn/plan');

/**
 * The plan in force and its usage; for owners and the billing role (`billing:read`/`billing:write`)
 * also how it is paid for: Upgrade through Stripe Checkout, "Manage billing" (the Customer Portal),
 * a failed payment's deadline, and the invoices. Nobody else's browser asks for billing at all.
 */
export default function PlanPage() {
  const { me } = useWorkspace();
  const mayReadBilling = can(me, 'billing:read');
  const mayPay = can(me, 'billing:write');
  const checkout = route.useSearch({ select: (search) => search.checkout });
  const subscription = useSubscriptionQuery();
  const plans = usePlansQuery();
  const billing = useBillingQuery({ enabled: mayReadBilling });
  const invoices = useInvoicesQuery({ enabled: mayReadBilling });
  const subscriptionError = queryError(subscription.error);
  const plansError = queryError(plans.error);
  const billingError = queryError(billing.error);
  const invoicesError = queryError(invoices.error);
  if (subscriptionError) return <ErrorNotice message={subscriptionError} onRetry={() => void subscription.refetch()} />;
  if (!subscription.data) return <Loading />;
  const currentPlan = subscription.data.plan;
  const planList: Plan[] = plans.data?.plans ?? [];
  // Just paid: no second purchase is offered while Stripe's confirmation is on its way.
  const awaitingConfirmation = checkout === 'done' && subscription.data.managedBy !== 'stripe';
  const upgradable = (plan: Plan) =>
    !awaitingConfirmation && offersUpgrade({ plan, currentPlan, billing: billing.data, mayPay });
  return (
    <section className="page" aria-labelledby="page-title">
      <PageHeader title="Plan & usage" />
      <CheckoutReturnNotice checkout={checkout} subscription={subscription.data} />
      {billingError && <ErrorNotice message={billingError} onRetry={() => void billing.refetch()} />}
      {billing.data && (
        <PastDueNotice
          billing={billing.data}
          billedPlanName={planNameOf(planList, billing.data.billedPlanId ?? currentPlan.id)}
          mayPay={mayPay}
        />
      )}
      <CurrentPlanCard
        subscription={subscription.data}
        billing={billing.data}
        mayPay={mayPay}
        upgradesOffered={planList.some(upgradable)}
      />
      <h2>What each plan adds</h2>
      {plansError && <ErrorNotice message={plansError} onRetry={() => void plans.refetch()} />}
      <div className="plans">
        {planList.map((plan) => (
          <PlanCard key={plan.id} plan={plan} current={plan.id === currentPlan.id} upgrade={upgradable(plan)} />
        ))}
      </div>
      {invoicesError && <ErrorNotice message={invoicesError} onRetry={() => void invoices.refetch()} />}
      {invoices.data && <InvoicesTable invoices={invoices.data.invoices} />}
    </section>
  );
}
