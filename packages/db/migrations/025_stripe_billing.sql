-- Issue 17: plans bought through Stripe. Stripe's webhooks (applied as the service, never as a
-- tenant) keep the subscription row; the application role still only reads it.

-- billed_plan_id: the plan the Stripe subscription is for. plan_id is the plan in force: the same,
-- except once a past-due company's grace has run out (then Free until the invoice is paid).
-- stripe_state_at: the time of the Stripe event whose state the row holds; an older event arriving
-- late (Stripe does not promise order) is not applied over it.
alter table subscriptions
  add column billed_plan_id text references plans,
  add column cancel_at_period_end boolean not null default false,
  add column past_due_since timestamptz,
  add column stripe_state_at timestamptz;

create unique index subscriptions_stripe_customer_idx on subscriptions (stripe_customer_id)
  where stripe_customer_id is not null;
create unique index subscriptions_stripe_subscription_idx on subscriptions (stripe_subscription_id)
  where stripe_subscription_id is not null;
create index subscriptions_past_due_idx on subscriptions (past_due_since) where status = 'past_due';

-- Each Stripe event is applied once: its id is stored in the transaction that applies it.
create table stripe_events (
  id text primary key check (length(id) between 1 and 255),
  type text not null check (length(type) <= 255),
  company_id uuid references companies on delete cascade,
  received_at timestamptz not null default now()
);
create index stripe_events_received_idx on stripe_events (received_at);
-- Written only by the service; the application role has no grant on it.
alter table stripe_events enable row level security;
