import { type Billing, PAST_DUE_GRACE_DAYS } from '@tcpa/contracts';
import type { Queryable } from '@tcpa/db';

/** Stripe manages a plan it bills for; a canceled (or never bought) subscription leaves it to the operator. */
export const MANAGED_BY_SQL = `case when s.stripe_subscription_id is not null and s.status in ('active', 'past_due')
  then 'stripe' else 'operator' end`;

export interface BillingRow {
  company_id: string;
  company_name: string;
  plan_id: string;
  billed_plan_id: string | null;
  status: 'active' | 'past_due' | 'canceled';
  managed_by: 'stripe' | 'operator';
  stripe_customer_id: string | null;
  stripe_subscription_id: string | null;
  current_period_end: string | null;
  cancel_at_period_end: boolean;
  past_due_since: string | null;
  stripe_state_at: string | null;
}

const BILLING_COLUMNS = `s.company_id, c.name as company_name, s.plan_id, s.billed_plan_id, s.status,
  ${MANAGED_BY_SQL} as managed_by, s.stripe_customer_id, s.stripe_subscription_id, s.current_period_end,
  s.cancel_at_period_end, s.past_due_since, s.stripe_state_at`;

/** The caller's company (RLS), or a company by id (as the service). */
export async function readBilling(tx: Queryable, companyId?: string, lock = false): Promise<BillingRow | undefined> {
  const [row] = await tx.query<BillingRow>(
    `select ${BILLING_COLUMNS} from subscriptions s join companies c on c.id = s.company_id
     where s.company_id = ${companyId ? '$1' : 'app.company_id()'} ${lock ? 'for update of s' : ''}`,
    companyId ? [companyId] : [],
  );
  return row;
}

export async function companyOfStripeCustomerAsService(tx: Queryable, customerId: string) {
  const [row] = await tx.query<{ company_id: string }>(
    'select company_id from subscriptions where stripe_customer_id = $1',
    [customerId],
  );
  return row?.company_id;
}

/** Keeps the first customer made for the company (two checkouts at once both made the same one, by idempotency key). */
export async function rememberStripeCustomerAsService(tx: Queryable, companyId: string, customerId: string) {
  await tx.query(
    'update subscriptions set stripe_customer_id = coalesce(stripe_customer_id, $2) where company_id = $1',
    [companyId, customerId],
  );
}

const iso = (value: string | null) => (value === null ? null : new Date(value).toISOString());

export function graceEndOf(pastDueSince: string | null): string | null {
  if (pastDueSince === null) return null;
  return new Date(new Date(pastDueSince).getTime() + PAST_DUE_GRACE_DAYS * 86_400_000).toISOString();
}

export function toBilling(row: BillingRow, purchasablePlanIds: string[] | null): Billing {
  return {
    managedBy: row.managed_by,
    stripeConfigured: purchasablePlanIds !== null,
    purchasablePlanIds: purchasablePlanIds ?? [],
    portalAvailable: purchasablePlanIds !== null && row.stripe_customer_id !== null,
    status: row.status,
    billedPlanId: row.billed_plan_id,
    currentPeriodEnd: iso(row.current_period_end),
    cancelAtPeriodEnd: row.cancel_at_period_end,
    pastDueSince: iso(row.past_due_since),
    graceEndsAt: row.status === 'past_due' ? graceEndOf(row.past_due_since) : null,
  };
}
