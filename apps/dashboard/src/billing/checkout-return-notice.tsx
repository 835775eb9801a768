import type { Subscription } from '@tcpa/contracts';

/**
 * Back from Stripe Checkout: paid, until Stripe's confirmation (a webhook) makes Stripe the plan's
 * manager (the realtime `plan_changed` refreshes the subscription); or canceled, nothing changed.
 */
export function CheckoutReturnNotice(props: { checkout: 'done' | 'canceled' | undefined; subscription: Subscription }) {
  const { checkout, subscription } = props;
  if (checkout === 'canceled') {
    return (
      <p className="notice" role="status">
        Checkout was canceled; nothing changed.
      </p>
    );
  }
  if (checkout === 'done' && subscription.managedBy !== 'stripe') {
    return (
      <p className="notice" role="status">
        Payment received; your plan changes as soon as Stripe confirms it.
      </p>
    );
  }
  return null;
}
