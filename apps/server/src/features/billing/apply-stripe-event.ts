import type { Database, Queryable } from '@tcpa/db';
import type Stripe from 'stripe';
import { type BillingRow, companyOfStripeCustomerAsService, graceEndOf, readBilling } from './billing.sql.ts';
import type { StripeBilling } from './stripe-billing.ts';
import { type BillingStatus, type StripeChange, stripeChangeOf } from './stripe-events.ts';

export type StripeEventOutcome =
  | 'applied'
  | 'duplicate'
  | 'not_relevant'
  | 'unknown_company'
  | 'stale'
  | 'other_subscription';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface NextState {
  plan_id: string;
  billed_plan_id: string | null;
  status: BillingStatus;
  stripe_subscription_id: string | null;
  current_period_end: Date | string | null;
  cancel_at_period_end: boolean;
  past_due_since: Date | string | null;
}

async function companyOf(tx: Queryable, change: StripeChange) {
  const claimed = change.kind === 'subscription' ? change.companyId : null;
  if (claimed && UUID.test(claimed)) {
    const [row] = await tx.query<{ company_id: string; stripe_customer_id: string | null }>(
      'select company_id, stripe_customer_id from subscriptions where company_id = $1',
      [claimed],
    );
    // Metadata names the company, but only a customer made for it (or none yet) may act on it.
    if (row && (row.stripe_customer_id === null || row.stripe_customer_id === change.customerId)) return row.company_id;
  }
  return change.customerId ? companyOfStripeCustomerAsService(tx, change.customerId) : undefined;
}

const graceOver = (pastDueSince: Date | string, now: Date) =>
  Date.parse(graceEndOf(new Date(pastDueSince).toISOString()) ?? '') <= now.getTime();

/** The row after the change, or why the change does not apply. */
function nextState(row: BillingRow, change: StripeChange, at: Date, now: Date): NextState | StripeEventOutcome {
  if (row.stripe_state_at && at < new Date(row.stripe_state_at)) return 'stale';
  const current = row.stripe_subscription_id;
  const live = row.status !== 'canceled';
  if (change.kind === 'payment') {
    if (change.subscriptionId !== current || !live) return 'other_subscription';
    if (change.paid) {
      return { ...row, status: 'active', plan_id: row.billed_plan_id ?? row.plan_id, past_due_since: null };
    }
    return toPastDue(row, row.billed_plan_id ?? row.plan_id, row.past_due_since ?? at, now);
  }
  if (change.subscriptionId !== current && current !== null && live && change.status === 'canceled')
    return 'other_subscription'; // an older subscription ending leaves the one in force alone
  if (change.subscriptionId === current && !live && change.status !== 'canceled') return 'stale'; // canceled is final
  if (change.status === 'canceled') {
    return {
      plan_id: 'free',
      billed_plan_id: null,
      status: 'canceled',
      stripe_subscription_id: change.subscriptionId,
      current_period_end: null,
      cancel_at_period_end: false,
      past_due_since: null,
    };
  }
  const planId = change.planId ?? (change.subscriptionId === current ? row.billed_plan_id : null);
  if (!planId) return 'not_relevant'; // a price this server does not sell
  const same = change.subscriptionId === current;
  const base: NextState = {
    plan_id: planId,
    billed_plan_id: planId,
    status: 'active',
    stripe_subscription_id: change.subscriptionId,
    current_period_end: change.currentPeriodEnd ?? (same ? row.current_period_end : null),
    cancel_at_period_end: change.cancelAtPeriodEnd ?? (same ? row.cancel_at_period_end : false),
    past_due_since: null,
  };
  if (change.status === 'active') return base;
  return toPastDue(base, planId, (same && row.past_due_since) || at, now);
}

function toPastDue(row: NextState, planId: string, since: Date | string, now: Date): NextState {
  return {
    ...row,
    status: 'past_due',
    billed_plan_id: planId,
    plan_id: graceOver(since, now) ? 'free' : planId,
    past_due_since: since,
  };
}

/**
 * Applies a verified Stripe event once: its id is stored in the same transaction. Events may come
 * late and out of order; one older than the state the row holds (by Stripe's event time) is not
 * applied over it. Answers the outcome and, when applied, the company whose subscription changed.
 */
export async function applyStripeEventAsService(
  database: Database,
  billing: StripeBilling,
  event: Stripe.Event,
  now = new Date(),
): Promise<{ outcome: StripeEventOutcome; companyId?: string }> {
  const change = stripeChangeOf(event, billing);
  const result = await database.unsafeAsOwner(async (tx): Promise<StripeEventOutcome | { applied: string }> => {
    const companyId = change ? await companyOf(tx, change) : undefined;
    const [fresh] = await tx.query<{ id: string }>(
      'insert into stripe_events (id, type, company_id) values ($1, $2, $3) on conflict do nothing returning id',
      [event.id, event.type, companyId ?? null],
    );
    if (!fresh) return 'duplicate';
    if (!change) return 'not_relevant';
    if (!companyId) return 'unknown_company';
    const row = await readBilling(tx, companyId, true);
    if (!row) return 'unknown_company';
    const at = new Date(event.created * 1000);
    const next = nextState(row, change, at, now);
    if (typeof next === 'string') return next;
    await tx.query(
      `update subscriptions set plan_id = $2, billed_plan_id = $3, status = $4, stripe_subscription_id = $5,
         current_period_end = $6, cancel_at_period_end = $7, past_due_since = $8,
         stripe_customer_id = coalesce(stripe_customer_id, $9), stripe_state_at = greatest(stripe_state_at, $10)
       where company_id = $1`,
      [
        companyId,
        next.plan_id,
        next.billed_plan_id,
        next.status,
        next.stripe_subscription_id,
        next.current_period_end,
        next.cancel_at_period_end,
        next.past_due_since,
        change.customerId,
        at,
      ],
    );
    if (next.plan_id !== row.plan_id) {
      await recordPlanChange(tx, companyId, row.plan_id, next.plan_id, `stripe ${event.type}`);
    }
    return { applied: companyId };
  });
  return typeof result === 'string' ? { outcome: result } : { outcome: 'applied', companyId: result.applied };
}

export async function recordPlanChange(tx: Queryable, companyId: string, from: string, to: string, by: string) {
  await tx.query(
    `insert into audit_log (company_id, action, target_type, target_id, details, user_agent)
     values ($1, 'subscription.plan_changed', 'company', $2, $3, $4)`,
    [companyId, companyId, { actor: 'billing', from, to }, by],
  );
}
