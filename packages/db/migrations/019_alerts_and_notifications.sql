-- Issue 16: alerts and notifications.
-- What happens (a transfer failed, an agent went offline) is written to outbox_events by triggers,
-- in the transaction that made it happen, so no code path can change state and forget to tell.
-- A worker turns each event into deliveries (webhook endpoints subscribed to it) and alerts
-- (rules of the event's project); alerts are grouped into messages, one delivery per channel.
-- Deliveries are rows too: a delivery worker claims them, sends, and retries with backoff, so a
-- server killed at any point loses nothing and sends at least once, under the delivery's id.

-- Plans as data: email alerts are Starter and up (email_alerts), Slack and Teams Professional and
-- up (chat_alerts, new), webhooks Professional and up (webhooks).
update plans set features = features || '{chat_alerts}' where id in ('professional', 'enterprise');

-- Permissions as data: admins look after integrations (company-wide channels); whoever runs
-- transfers in a project may manage its alert rules and acknowledge alerts; viewers see alerts.
update roles set permissions = permissions || '{alerts:read,alerts:write,integrations:read,integrations:write}'
  where company_id is null and scope = 'company' and key in ('owner', 'admin');
update roles set permissions = permissions || '{alerts:read,alerts:write}'
  where company_id is null and scope = 'project' and key in ('admin', 'operator');
update roles set permissions = permissions || '{alerts:read}'
  where company_id is null and scope = 'project' and key = 'viewer';

-- ---------------------------------------------------------------- channels
create table notification_channels (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references companies on delete cascade,
  name text not null check (length(name) between 1 and 100),
  kind text not null check (kind in ('email', 'slack', 'teams', 'webhook')),
  -- email: who receives it.
  recipients text[] not null default '{}' check (cardinality(recipients) <= 50),
  -- slack, teams, webhook: the URL, encrypted (Slack and Teams URLs are their credentials); only
  -- its host is shown again.
  url_sealed text,
  url_host text check (length(url_host) <= 255),
  -- webhook: the signing secret, encrypted, shown once at creation; and the event types it gets.
  secret_sealed text,
  event_types text[] not null default '{}' check (cardinality(event_types) <= 50),
  enabled boolean not null default true,
  disabled_reason text check (length(disabled_reason) <= 500),
  -- The first failed attempt since the last success: endpoints failing for days are disabled.
  failing_since timestamptz,
  created_by uuid references users on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (company_id, name),
  unique (id, company_id),
  check ((kind = 'email') = (url_sealed is null)),
  check ((kind = 'webhook') = (secret_sealed is not null)),
  check (kind = 'email' or cardinality(recipients) = 0)
);

alter table notification_channels enable row level security;
-- Whoever manages alert rules in a project picks their channels, so sees which there are
-- (names, kinds and hosts; never URLs or secrets).
create policy notification_channels_read on notification_channels for select
  using (company_id = (select app.company_id()) and ((select app.has_permission('integrations:read'))
    or cardinality((select app.project_ids_with('alerts:write'))) > 0));
create policy notification_channels_insert on notification_channels for insert
  with check (company_id = (select app.company_id()) and (select app.has_permission('integrations:write')));
create policy notification_channels_update on notification_channels for update
  using (company_id = (select app.company_id()) and (select app.has_permission('integrations:write')));
create policy notification_channels_delete on notification_channels for delete
  using (company_id = (select app.company_id()) and (select app.has_permission('integrations:write')));
grant select (id, company_id, name, kind, recipients, url_host, event_types, enabled, disabled_reason,
  failing_since, created_by, created_at, updated_at), insert, delete on notification_channels to tcpa_app;
grant update (name, recipients, url_sealed, url_host, event_types, enabled, disabled_reason, failing_since,
  updated_at) on notification_channels to tcpa_app;

-- ---------------------------------------------------------------- alert rules and alerts
create table alert_rules (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null,
  project_id uuid not null,
  name text not null check (length(name) between 1 and 200),
  condition text not null check (condition in ('transfer_failed', 'job_run_failed', 'job_run_skipped',
    'job_run_missed', 'agent_offline', 'agent_pending', 'disk_space_low', 'transfer_slow', 'plan_usage')),
  -- agent_offline, transfer_slow: minutes the condition must hold; disk_space_low: free % under;
  -- transfer_slow: % of the path's usual rate under; plan_usage: % of a limit reached.
  threshold double precision check (threshold >= 0),
  for_minutes int check (for_minutes between 0 and 10080),
  severity text not null check (severity in ('info', 'warning', 'critical')),
  -- One message per rule and subject per quiet period.
  quiet_minutes int not null default 60 check (quiet_minutes between 0 and 10080),
  enabled boolean not null default true,
  created_by uuid references users on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (project_id, name),
  unique (id, company_id),
  foreign key (project_id, company_id) references projects (id, company_id) on delete cascade
);

create table alert_rule_channels (
  rule_id uuid not null,
  channel_id uuid not null,
  company_id uuid not null,
  project_id uuid not null,
  primary key (rule_id, channel_id),
  foreign key (rule_id, company_id) references alert_rules (id, company_id) on delete cascade,
  foreign key (channel_id, company_id) references notification_channels (id, company_id) on delete cascade
);
create index alert_rule_channels_channel_idx on alert_rule_channels (channel_id);

create table alerts (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null,
  project_id uuid not null,
  rule_id uuid references alert_rules on delete set null,
  rule_name text not null,
  condition text not null,
  severity text not null check (severity in ('info', 'warning', 'critical')),
  subject_type text not null check (subject_type in ('agent', 'transfer', 'job', 'company')),
  subject_id uuid not null,
  subject_name text not null check (length(subject_name) <= 300),
  title text not null check (length(title) <= 500),
  details jsonb not null default '{}',
  state text not null default 'open' check (state in ('open', 'resolved')),
  opened_at timestamptz not null default now(),
  resolved_at timestamptz,
  acknowledged_at timestamptz,
  acknowledged_by uuid references users on delete set null,
  -- What was said about it: pending until the grouper sends it (grouped with others of the rule)
  -- or holds it back (a repeat inside the rule's quiet period).
  open_notice text not null default 'pending' check (open_notice in ('pending', 'sent', 'suppressed')),
  resolve_notice text check (resolve_notice in ('pending', 'sent', 'suppressed')),
  foreign key (project_id, company_id) references projects (id, company_id) on delete cascade
);
-- At most one open alert per rule and subject, however many servers evaluate at once.
create unique index alerts_open_subject_idx on alerts (rule_id, subject_id) where state = 'open';
create index alerts_project_idx on alerts (project_id, opened_at desc);
create index alerts_notice_idx on alerts (rule_id) where open_notice = 'pending' or resolve_notice = 'pending';
create index alerts_subject_idx on alerts (rule_id, subject_id, opened_at desc);

alter table alert_rules enable row level security;
create policy alert_rules_read on alert_rules for select
  using (company_id = (select app.company_id())
    and ((select app.all_projects_with('alerts:read'))
      or project_id = any((select app.project_ids_with('alerts:read'))::uuid[])));
create policy alert_rules_insert on alert_rules for insert
  with check (company_id = (select app.company_id())
    and ((select app.all_projects_with('alerts:write'))
      or project_id = any((select app.project_ids_with('alerts:write'))::uuid[])));
create policy alert_rules_update on alert_rules for update
  using (company_id = (select app.company_id())
    and ((select app.all_projects_with('alerts:write'))
      or project_id = any((select app.project_ids_with('alerts:write'))::uuid[])));
create policy alert_rules_delete on alert_rules for delete
  using (company_id = (select app.company_id())
    and ((select app.all_projects_with('alerts:write'))
      or project_id = any((select app.project_ids_with('alerts:write'))::uuid[])));
grant select, insert, delete on alert_rules to tcpa_app;
grant update (name, threshold, for_minutes, severity, quiet_minutes, enabled, updated_at) on alert_rules to tcpa_app;

alter table alert_rule_channels enable row level security;
create policy alert_rule_channels_read on alert_rule_channels for select
  using (company_id = (select app.company_id())
    and ((select app.all_projects_with('alerts:read'))
      or project_id = any((select app.project_ids_with('alerts:read'))::uuid[])));
create policy alert_rule_channels_insert on alert_rule_channels for insert
  with check (company_id = (select app.company_id())
    and ((select app.all_projects_with('alerts:write'))
      or project_id = any((select app.project_ids_with('alerts:write'))::uuid[])));
create policy alert_rule_channels_delete on alert_rule_channels for delete
  using (company_id = (select app.company_id())
    and ((select app.all_projects_with('alerts:write'))
      or project_id = any((select app.project_ids_with('alerts:write'))::uuid[])));
grant select, insert, delete on alert_rule_channels to tcpa_app;

-- Alerts are opened and resolved by the service; people acknowledge them.
alter table alerts enable row level security;
create policy alerts_read on alerts for select
  using (company_id = (select app.company_id())
    and ((select app.all_projects_with('alerts:read'))
      or project_id = any((select app.project_ids_with('alerts:read'))::uuid[])));
create policy alerts_update on alerts for update
  using (company_id = (select app.company_id())
    and ((select app.all_projects_with('alerts:write'))
      or project_id = any((select app.project_ids_with('alerts:write'))::uuid[])));
grant select on alerts to tcpa_app;
grant update (acknowledged_at, acknowledged_by) on alerts to tcpa_app;

-- ---------------------------------------------------------------- the outbox
-- Written by triggers (below) as the owner; read only by the service's workers.
create table outbox_events (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references companies on delete cascade,
  project_id uuid,
  type text not null check (length(type) <= 100),
  subject_id uuid,
  data jsonb not null,
  occurred_at timestamptz not null default now(),
  processed_at timestamptz
);
create index outbox_events_pending_idx on outbox_events (occurred_at) where processed_at is null;
create index outbox_events_processed_idx on outbox_events (processed_at) where processed_at is not null;
alter table outbox_events enable row level security;

-- One message to one channel (or one transactional email, channel null). Its id is the stable id
-- receivers deduplicate on (the webhook-id header). The payload is shaped for its channel when it
-- is queued, so every attempt sends the same bytes; one holding a secret (a password reset link)
-- is encrypted and dropped once delivered.
create table notification_deliveries (
  id uuid primary key default gen_random_uuid(),
  company_id uuid references companies on delete cascade,
  channel_id uuid references notification_channels on delete cascade,
  kind text not null check (kind in ('email', 'slack', 'teams', 'webhook')),
  event_type text not null check (length(event_type) <= 100),
  -- Shown in the delivery log: what the message was about.
  summary text not null check (length(summary) <= 500),
  payload jsonb,
  payload_sealed text,
  status text not null default 'pending' check (status in ('pending', 'delivered', 'failed', 'canceled')),
  attempts int not null default 0,
  next_attempt_at timestamptz not null default now(),
  -- A claim: a server sending it now. One killed mid-send leaves a claim that lapses, and another
  -- server (or the same one restarted) sends it again.
  locked_until timestamptz,
  last_status_code int,
  last_error text check (length(last_error) <= 1000),
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  check (payload is not null or payload_sealed is not null or status <> 'pending')
);
create index notification_deliveries_due_idx on notification_deliveries (next_attempt_at) where status = 'pending';
create index notification_deliveries_channel_idx on notification_deliveries (channel_id, created_at desc);
create index notification_deliveries_finished_idx on notification_deliveries (finished_at) where finished_at is not null;

create table notification_delivery_attempts (
  id uuid primary key default gen_random_uuid(),
  delivery_id uuid not null references notification_deliveries on delete cascade,
  company_id uuid references companies on delete cascade,
  channel_id uuid references notification_channels on delete cascade,
  attempt int not null,
  started_at timestamptz not null,
  duration_ms int not null,
  status_code int,
  response_excerpt text check (length(response_excerpt) <= 1024),
  error text check (length(error) <= 1000)
);
create index notification_delivery_attempts_delivery_idx on notification_delivery_attempts (delivery_id, attempt);

alter table notification_deliveries enable row level security;
create policy notification_deliveries_read on notification_deliveries for select
  using (company_id = (select app.company_id()) and channel_id is not null
    and (select app.has_permission('integrations:read')));
-- Queued in the transaction of what causes it: a test message, an invitation's email.
create policy notification_deliveries_insert on notification_deliveries for insert
  with check (company_id = (select app.company_id()) and (
    (channel_id is null and (select app.has_permission('members:write')))
    or ((select app.has_permission('integrations:write'))
      and exists (select from notification_channels c where c.id = channel_id))));
grant select (id, company_id, channel_id, kind, event_type, summary, status, attempts, next_attempt_at,
  last_status_code, last_error, created_at, finished_at) on notification_deliveries to tcpa_app;
grant insert (id, company_id, channel_id, kind, event_type, summary, payload, payload_sealed)
  on notification_deliveries to tcpa_app;

alter table notification_delivery_attempts enable row level security;
create policy notification_delivery_attempts_read on notification_delivery_attempts for select
  using (company_id = (select app.company_id()) and channel_id is not null
    and (select app.has_permission('integrations:read')));
grant select on notification_delivery_attempts to tcpa_app;

-- ---------------------------------------------------------------- events from state changes
-- Recorded only for a company that has something listening (an enabled webhook endpoint, or an
-- enabled rule in the project), so fleets without notifications write nothing more.
create function app.record_outbox_event(company uuid, project uuid, event_type text, subject uuid, payload jsonb)
returns void language sql security definer set search_path = public, pg_temp as $$
  insert into outbox_events (company_id, project_id, type, subject_id, data)
  select company, project, event_type, subject, payload
  where exists (select from notification_channels c
                where c.company_id = company and c.kind = 'webhook' and c.enabled)
     or exists (select from alert_rules r where r.project_id = project and r.enabled)
$$;

create function app.transfer_event() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
begin
  perform app.record_outbox_event(new.company_id, new.project_id,
    'transfer.' || case new.state when 'running' then 'started' else new.state end, new.id,
    jsonb_build_object('id', new.id, 'projectId', new.project_id, 'state', new.state, 'reason', new.state_reason,
      'sourceAgentId', new.source_agent_id, 'destinationAgentId', new.destination_agent_id,
      'jobId', new.job_id, 'filesDone', new.files_done, 'filesTotal', new.files_total,
      'bytesDone', new.bytes_done, 'bytesTotal', new.bytes_total, 'attempts', new.attempts));
  return null;
end $$;
create trigger transfers_outbox_event after update of state on transfers
  for each row when (old.state is distinct from new.state
    and new.state in ('running', 'succeeded', 'failed', 'canceled'))
  execute function app.transfer_event();

create function app.job_run_event() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
begin
  perform app.record_outbox_event(new.company_id, new.project_id, 'job.run_' || new.status, new.job_id,
    jsonb_build_object('id', new.id, 'projectId', new.project_id, 'jobId', new.job_id, 'jobName', new.job_name,
      'status', new.status, 'reason', new.reason, 'trigger', new.trigger, 'fireTime', new.fire_time,
      'transferId', new.transfer_id));
  return null;
end $$;
create trigger job_runs_outbox_event_insert after insert on job_runs
  for each row execute function app.job_run_event();
create trigger job_runs_outbox_event_update after update of status on job_runs
  for each row when (old.status is distinct from new.status) execute function app.job_run_event();

create function app.agent_event() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
declare
  event_type text;
begin
  if tg_op = 'INSERT' then
    event_type := case when new.status = 'pending' then 'agent.pending' else 'agent.enrolled' end;
  elsif old.status is distinct from new.status then
    event_type := 'agent.' || case new.status when 'active' then 'approved' else new.status end;
  else
    event_type := case when new.online then 'agent.online' else 'agent.offline' end;
  end if;
  perform app.record_outbox_event(new.company_id, new.project_id, event_type, new.id,
    jsonb_build_object('id', new.id, 'projectId', new.project_id, 'name', new.name, 'status', new.status,
      'online', new.online, 'hostname', new.hostname, 'lastSeenAt', new.last_seen_at));
  return null;
end $$;
create trigger agents_outbox_event_insert after insert on agents
  for each row execute function app.agent_event();
create trigger agents_outbox_event_update after update of status, online on agents
  for each row when (old.status is distinct from new.status or old.online is distinct from new.online)
  execute function app.agent_event();
