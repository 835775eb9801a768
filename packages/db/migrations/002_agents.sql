-- Agents: enrolment tokens, agents, time-partitioned telemetry with a per-minute rollup.

create table enrolment_tokens (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null,
  project_id uuid not null,
  name text not null check (length(name) between 1 and 100),
  prefix text not null unique,
  secret_hash text not null,
  reusable boolean not null,
  pre_approved boolean not null,
  tags text[] not null default '{}',
  expires_at timestamptz not null,
  used_count int not null default 0,
  revoked_at timestamptz,
  created_by uuid references users on delete set null,
  created_at timestamptz not null default now(),
  foreign key (project_id, company_id) references projects (id, company_id) on delete cascade
);
create index enrolment_tokens_project_idx on enrolment_tokens (project_id, created_at desc);

create table agents (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null,
  project_id uuid not null,
  name text not null check (length(name) between 1 and 100),
  status text not null check (status in ('pending', 'active', 'rejected', 'revoked')),
  tags text[] not null default '{}',
  public_key jsonb not null,
  hostname text,
  platform text,
  version text,
  enrolment_token_id uuid references enrolment_tokens on delete set null,
  online boolean not null default false,
  last_seen_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (project_id, company_id) references projects (id, company_id) on delete cascade
);
create index agents_project_idx on agents (project_id, name);
create index agents_company_idx on agents (company_id);
create index agents_tags_idx on agents using gin (tags);

-- Rejected and revoked agents do not count against the plan.
create function app.enforce_agent_limit() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
declare
  plan record;
  upgrade record;
  used int;
begin
  select p.id, p.name, p.max_agents into plan
  from subscriptions s join plans p on p.id = s.plan_id
  where s.company_id = new.company_id
  for update of s;
  if plan.max_agents is not null then
    select count(*) into used from agents
    where company_id = new.company_id and status in ('pending', 'active');
    if used >= plan.max_agents then
      select p.id, p.name, p.max_agents into upgrade from plans p
      where p.max_agents is null or p.max_agents > used order by p.rank limit 1;
      raise exception 'plan_limit' using errcode = 'TCPPL', detail = json_build_object(
        'limit', 'agents', 'planId', plan.id, 'planName', plan.name,
        'max', plan.max_agents, 'used', used,
        'upgradeTo', upgrade.id, 'upgradeToName', upgrade.name, 'upgradeMax', upgrade.max_agents)::text;
    end if;
  end if;
  return new;
end $$;
create trigger agents_plan_limit before insert on agents
  for each row execute function app.enforce_agent_limit();

-- Plan changes bump updated_at so that servers notice and push new config to agents.
create function app.touch_updated_at() returns trigger language plpgsql as $$
begin
  new.updated_at := now();
  return new;
end $$;
create trigger subscriptions_touch before update on subscriptions
  for each row execute function app.touch_updated_at();
create index subscriptions_updated_idx on subscriptions (updated_at);

-- ---------------------------------------------------------------- telemetry
-- Range-partitioned by day. app.ensure_telemetry_partitions makes partitions ahead of time;
-- the default partition only catches stragglers so that no sample is ever refused for lack of
-- a partition. Retention drops whole daily partitions.
create table telemetry (
  agent_id uuid not null,
  company_id uuid not null,
  project_id uuid not null,
  seq bigint not null,
  ts timestamptz not null,
  cpu_pct real,
  mem_used_bytes bigint,
  mem_total_bytes bigint,
  disk_free_bytes bigint,
  net_rx_bytes bigint,
  net_tx_bytes bigint,
  active_transfers int,
  throughput_bps double precision,
  rtt_ms real,
  errors int,
  dropped_samples int,
  primary key (agent_id, ts, seq)
) partition by range (ts);
create table telemetry_default partition of telemetry default;

create function app.ensure_telemetry_partitions(days_ahead int default 3) returns int
language plpgsql security definer set search_path = public, pg_temp as $$
declare
  day date;
  made int := 0;
  name text;
begin
  for day in select generate_series(current_date - 1, current_date + days_ahead, interval '1 day')::date loop
    name := 'telemetry_p' || to_char(day, 'YYYYMMDD');
    if to_regclass(name) is null then
      execute format('create table %I partition of telemetry for values from (%L) to (%L)',
        name, day::timestamptz, (day + 1)::timestamptz);
      made := made + 1;
    end if;
  end loop;
  return made;
end $$;
select app.ensure_telemetry_partitions();

create table telemetry_minute (
  agent_id uuid not null,
  company_id uuid not null,
  project_id uuid not null,
  minute timestamptz not null,
  samples int not null,
  cpu_sum double precision not null default 0,
  mem_used_sum double precision not null default 0,
  disk_free_min bigint,
  net_rx_max bigint,
  net_tx_max bigint,
  active_transfers_max int,
  throughput_sum double precision not null default 0,
  rtt_sum double precision not null default 0,
  rtt_samples int not null default 0,
  errors_sum int not null default 0,
  primary key (agent_id, minute)
);
create index telemetry_minute_minute_idx on telemetry_minute (minute);

-- ---------------------------------------------------------------- row-level security
alter table enrolment_tokens enable row level security;
create policy enrolment_tokens_read on enrolment_tokens for select
  using (company_id = (select app.company_id())
    and ((select app.all_projects_with('agents:write'))
      or project_id = any((select app.project_ids_with('agents:write'))::uuid[])));
create policy enrolment_tokens_insert on enrolment_tokens for insert
  with check (company_id = (select app.company_id())
    and ((select app.all_projects_with('agents:write'))
      or project_id = any((select app.project_ids_with('agents:write'))::uuid[])));
create policy enrolment_tokens_revoke on enrolment_tokens for update
  using (company_id = (select app.company_id())
    and ((select app.all_projects_with('agents:write'))
      or project_id = any((select app.project_ids_with('agents:write'))::uuid[])));
grant select (id, company_id, project_id, name, prefix, reusable, pre_approved, tags, expires_at,
  used_count, revoked_at, created_by, created_at), insert, update (revoked_at)
  on enrolment_tokens to tcpa_app;

alter table agents enable row level security;
create policy agents_read on agents for select
  using (company_id = (select app.company_id())
    and ((select app.all_projects_with('agents:read'))
      or project_id = any((select app.project_ids_with('agents:read'))::uuid[])));
create policy agents_update on agents for update
  using (company_id = (select app.company_id())
    and ((select app.all_projects_with('agents:write'))
      or project_id = any((select app.project_ids_with('agents:write'))::uuid[])));
grant select, update (name, tags, status, updated_at) on agents to tcpa_app;

alter table telemetry enable row level security;
create policy telemetry_read on telemetry for select
  using (company_id = (select app.company_id())
    and ((select app.all_projects_with('agents:read'))
      or project_id = any((select app.project_ids_with('agents:read'))::uuid[])));
grant select on telemetry to tcpa_app;

alter table telemetry_minute enable row level security;
create policy telemetry_minute_read on telemetry_minute for select
  using (company_id = (select app.company_id())
    and ((select app.all_projects_with('agents:read'))
      or project_id = any((select app.project_ids_with('agents:read'))::uuid[])));
grant select on telemetry_minute to tcpa_app;
