-- Issue 16: the last two alert conditions, disk space low and transfer slow.

-- The size of the file systems disk_free_bytes is measured on, as the agent reports it (agents
-- older than this report none: null). Nullable and without a default, so adding it to the
-- partitioned table rewrites no partition. The per-minute rollup keeps only the free minimum:
-- nothing charts the size, and the alert reads the latest raw sample.
alter table telemetry add column disk_total_bytes bigint;

-- Since when a condition that must hold for minutes (transfer_slow) has held for a rule's
-- subject: set by the sweep when first seen, deleted when it no longer holds, so an alert opens
-- only once it held for the rule's minutes without a break. Written and read by the sweep alone
-- (as the owner): row-level security on and no grants to the application role.
create table alert_condition_since (
  rule_id uuid not null references alert_rules on delete cascade,
  subject_id uuid not null,
  company_id uuid not null references companies on delete cascade,
  since timestamptz not null default now(),
  primary key (rule_id, subject_id)
);
alter table alert_condition_since enable row level security;
