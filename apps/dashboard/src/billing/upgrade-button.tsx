import type { Plan } from '@tcpa/contracts';
import { useStartCheckoutMutation } from '../data/billing/start-checkout-mutation.ts';
import { RedirectButton } from './redirect-button.tsx';

/** Buys the plan through Stripe Checkout: the browser goes to Stripe's page and comes back to the Plan page. */
export function UpgradeButton({ plan }: { plan: Plan }) {
  const checkout = useStartCheckoutMutation();
  return <RedirectButton openPage={() => checkout.mutateAsync(plan.id)}>Upgrade to {plan.name}</RedirectButton>;
}
