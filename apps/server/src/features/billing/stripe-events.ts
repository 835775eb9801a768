import type Stripe from 'stripe';
import type { StripeBilling } from './stripe-billing.ts';

export type BillingStatus = 'active' | 'past_due' | 'canceled';

/** What a Stripe event says about a company's subscription, in our terms. */
export type StripeChange =
  | {
      kind: 'subscription';
      /** From the metadata Checkout was given; else the company is found by its customer. */
      companyId: string | null;
      customerId: string | null;
      subscriptionId: string;
      status: BillingStatus;
      /** The plan billed (by the price); null when the event does not say (then kept). */
      planId: string | null;
      currentPeriodEnd: Date | null;
      cancelAtPeriodEnd: boolean | null;
    }
  | { kind: 'payment'; customerId: string | null; subscriptionId: string; paid: boolean };

/** Stripe's statuses in ours; an incomplete subscription (Checkout not finished) says nothing yet. */
const STATUS: Record<Stripe.Subscription.Status, BillingStatus | null> = {
  active: 'active',
  trialing: 'active',
  past_due: 'past_due',
  unpaid: 'past_due',
  canceled: 'canceled',
  incomplete_expired: 'canceled',
  paused: 'canceled',
  incomplete: null,
};

const idOf = (value: string | { id: string } | null | undefined) =>
  value === null || value === undefined ? null : typeof value === 'string' ? value : value.id;

function fromSubscription(
  subscription: Stripe.Subscription,
  deleted: boolean,
  billing: StripeBilling,
): StripeChange | null {
  const status = deleted ? 'canceled' : STATUS[subscription.status];
  if (!status) return null;
  const item = subscription.items?.data?.[0];
  const priceId = item?.price?.id;
  const planId = (priceId && billing.planOfPrice(priceId)) || null;
  const periodEnd = item?.current_period_end;
  return {
    kind: 'subscription',
    companyId: subscription.metadata?.companyId ?? null,
    customerId: idOf(subscription.customer),
    subscriptionId: subscription.id,
    status,
    planId,
    currentPeriodEnd: periodEnd ? new Date(periodEnd * 1000) : null,
    cancelAtPeriodEnd: subscription.cancel_at_period_end ?? null,
  };
}

function fromInvoice(invoice: Stripe.Invoice, paid: boolean): StripeChange | null {
  const subscriptionId = idOf(invoice.parent?.subscription_details?.subscription);
  if (!subscriptionId) return null; // a one-off invoice: not about the plan
  return { kind: 'payment', customerId: idOf(invoice.customer), subscriptionId, paid };
}

/** Null: an event type (or a case of one) that does not change the subscription. */
export function stripeChangeOf(event: Stripe.Event, billing: StripeBilling): StripeChange | null {
  switch (event.type) {
    case 'checkout.session.completed': {
      const session = event.data.object;
      const subscriptionId = idOf(session.subscription);
      const planId = session.metadata?.planId;
      if (session.mode !== 'subscription' || !subscriptionId || !planId || !billing.priceOf(planId)) return null;
      return {
        kind: 'subscription',
        companyId: session.client_reference_id ?? session.metadata?.companyId ?? null,
        customerId: idOf(session.customer),
        subscriptionId,
        status: 'active',
        planId,
        currentPeriodEnd: null,
        cancelAtPeriodEnd: null,
      };
    }
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
      return fromSubscription(event.data.object, false, billing);
    case 'customer.subscription.deleted':
      return fromSubscription(event.data.object, true, billing);
    case 'invoice.paid':
      return fromInvoice(event.data.object, true);
    case 'invoice.payment_failed':
      return fromInvoice(event.data.object, false);
    default:
      return null;
  }
}
