import { PAST_DUE_GRACE_DAYS } from '@tcpa/contracts';
import type { Database } from '@tcpa/db';
import { recordPlanChange } from './apply-stripe-event.ts';

/**
 * Moves companies whose invoice is unpaid PAST_DUE_GRACE_DAYS after it failed to Free. The paid
 * plan comes back when Stripe reports the invoice paid. Nothing is deleted: over the Free limits,
 * new agents and projects are refused until enough are removed.
 */
export async function endPastDueGraceAsService(database: Database, now: Date): Promise<string[]> {
  return database.unsafeAsOwner(async (tx) => {
    const moved = await tx.query<{ company_id: string; from_plan: string }>(
      `update subscriptions s set plan_id = 'free'
       from (select company_id, plan_id from subscriptions
             where status = 'past_due' and plan_id <> 'free'
               and past_due_since <= $1::timestamptz - make_interval(days => $2)
             for update) old
       where s.company_id = old.company_id
       returning s.company_id, old.plan_id as from_plan`,
      [now, PAST_DUE_GRACE_DAYS],
    );
    for (const row of moved) {
      await recordPlanChange(tx, row.company_id, row.from_plan, 'free', `past due for ${PAST_DUE_GRACE_DAYS} days`);
    }
    return moved.map((row) => row.company_id);
  });
}

/** Stripe retries an event for up to 3 days: ids kept 30 days are enough to know a replay. */
export async function pruneStripeEventsAsService(database: Database) {
  await database.unsafeAsOwner((tx) =>
    tx.query(`delete from stripe_events where received_at < now() - interval '30 days'`),
  );
}
