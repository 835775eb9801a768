import type { Billing } from '@tcpa/contracts';
import { formatTime } from '../ui/format.ts';
import { ManageBillingButton } from './manage-billing-button.tsx';

/**
 * The last payment failed: until when the paid plan is kept, and what happens after (the company
 * moves to Free; nothing is deleted). Paying through the portal puts it right.
 */
export function PastDueNotice(props: { billing: Billing; billedPlanName: string; mayPay: boolean }) {
  const { billing, billedPlanName, mayPay } = props;
  if (billing.status !== 'past_due' || !billing.graceEndsAt) return null;
  const graceOver = Date.parse(billing.graceEndsAt) <= Date.now();
  return (
    <div className="notice past-due-notice" role="alert">
      <p>
        {graceOver
          ? `Your last payment failed and was not paid by ${formatTime(billing.graceEndsAt)}: the company moved to Free (nothing is deleted). Pay the open invoice to get ${billedPlanName} back.`
          : `Your last payment failed. Pay by ${formatTime(billing.graceEndsAt)} to keep ${billedPlanName}; after that the company moves to Free (nothing is deleted).`}
      </p>
      {mayPay && billing.portalAvailable && <ManageBillingButton />}
    </div>
  );
}
