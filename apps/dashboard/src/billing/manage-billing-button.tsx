import { useOpenPortalMutation } from '../data/billing/open-portal-mutation.ts';
import { RedirectButton } from './redirect-button.tsx';

/** Opens Stripe's Customer Portal: payment method, invoices, change or cancel the plan. */
export function ManageBillingButton({ className }: { className?: string }) {
  const portal = useOpenPortalMutation();
  return (
    <RedirectButton className={className} openPage={() => portal.mutateAsync()}>
      Manage billing
    </RedirectButton>
  );
}
