-- Tenancy foundation: companies, people, roles, projects, plans, credentials, audit log.
-- Row-level security is the tenancy boundary: the application runs every request as the
-- role tcpa_app (no table ownership, no BYPASSRLS) with the caller's claims in
-- request.jwt.claims. Functions in schema app read those claims.

do $$
begin
  if not exists (select from pg_roles where rolname = 'tcpa_app') then
    create role tcpa_app nologin nobypassrls;
  end if;
exception when duplicate_object or unique_violation then
  null; -- another database on the same cluster created it at the same moment
end $$;

do $$
begin
  execute format('grant tcpa_app to %I', current_user);
exception when others then
  null; -- superusers (and roles already granted) need no grant
end $$;

create schema if not exists app;
grant usage on schema app to tcpa_app;
grant usage on schema public to tcpa_app;

-- ---------------------------------------------------------------- plans
create table plans (
  id text primary key,
  name text not null,
  rank int not null unique,
  max_agents int,
  max_projects int,
  telemetry_interval_ms int not null,
  retention_days int not null,
  features text[] not null default '{}',
  monthly_price_cents int not null
);
comment on column plans.max_agents is 'null means unlimited';
insert into plans values
  ('free', 'Free', 0, 2, 1, 30000, 7, '{basic}', 0),
  ('starter', 'Starter', 1, 10, 3, 5000, 30, '{basic,email_alerts,api}', 2900),
  ('professional', 'Professional', 2, 50, 10, 1000, 90,
    '{basic,email_alerts,api,custom_roles,analytics,webhooks}', 9900),
  ('enterprise', 'Enterprise', 3, null, null, 100, 365,
    '{basic,email_alerts,api,custom_roles,analytics,webhooks,sso,audit_log,mfa_policy,sla}', 49900);
alter table plans enable row level security;
create policy plans_read on plans for select using (true);
grant select on plans to tcpa_app;

-- ---------------------------------------------------------------- companies and people
create table companies (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  created_at timestamptz not null default now()
);

create table users (
  id uuid primary key default gen_random_uuid(),
  email text not null check (length(email) <= 320),
  name text check (length(name) <= 200),
  password_hash text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index users_email_key on users (lower(email));

-- Built-in roles have company_id null; custom roles (a later plan feature) add rows with a
-- company_id. Permissions are data, so policies never name a role.
create table roles (
  id uuid primary key default gen_random_uuid(),
  company_id uuid references companies on delete cascade,
  scope text not null check (scope in ('company', 'project')),
  key text not null check (key ~ '^[a-z][a-z0-9_-]{0,39}$'),
  name text not null,
  permissions text[] not null,
  unique nulls not distinct (company_id, scope, key)
);
insert into roles (scope, key, name, permissions) values
  ('company', 'owner', 'Owner', '{company:read,company:write,members:read,members:write,projects:create,projects:delete,projects:read,projects:write,project_members:write,agents:read,agents:write,transfers:read,transfers:write,api_keys:read,api_keys:write,billing:read,billing:write,audit:read}'),
  ('company', 'admin', 'Admin', '{company:read,company:write,members:read,members:write,projects:create,projects:delete,projects:read,projects:write,project_members:write,agents:read,agents:write,transfers:read,transfers:write,api_keys:read,api_keys:write,billing:read,audit:read}'),
  ('company', 'member', 'Member', '{company:read,members:read}'),
  ('company', 'billing', 'Billing', '{company:read,members:read,billing:read,billing:write}'),
  ('project', 'admin', 'Project admin', '{projects:read,projects:write,project_members:write,agents:read,agents:write,transfers:read,transfers:write}'),
  ('project', 'operator', 'Operator', '{projects:read,agents:read,agents:write,transfers:read,transfers:write}'),
  ('project', 'viewer', 'Viewer', '{projects:read,agents:read,transfers:read}');

create table company_memberships (
  company_id uuid not null references companies on delete cascade,
  user_id uuid not null references users on delete cascade,
  role_id uuid not null references roles,
  created_at timestamptz not null default now(),
  primary key (company_id, user_id)
);
create index company_memberships_user_idx on company_memberships (user_id);

create table projects (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references companies on delete cascade,
  name text not null check (length(name) between 1 and 100),
  description text not null default '' check (length(description) <= 2000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (company_id, name),
  unique (id, company_id)
);

create table project_members (
  project_id uuid not null,
  company_id uuid not null,
  user_id uuid not null,
  role_id uuid not null references roles,
  created_at timestamptz not null default now(),
  primary key (project_id, user_id),
  foreign key (project_id, company_id) references projects (id, company_id) on delete cascade,
  foreign key (company_id, user_id) references company_memberships (company_id, user_id)
    on delete cascade
);
create index project_members_user_idx on project_members (company_id, user_id);

create table subscriptions (
  company_id uuid primary key references companies on delete cascade,
  plan_id text not null references plans,
  status text not null default 'active' check (status in ('active', 'past_due', 'canceled')),
  stripe_customer_id text,
  stripe_subscription_id text,
  current_period_end timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table invitations (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references companies on delete cascade,
  email text not null check (length(email) <= 320),
  role_id uuid not null references roles,
  token_hash text not null unique,
  invited_by uuid references users on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  accepted_at timestamptz,
  revoked_at timestamptz
);
create index invitations_company_idx on invitations (company_id, created_at desc);

-- ---------------------------------------------------------------- credentials
create table api_keys (
  id uuid primary key default gen_random_uuid(),
  company_id uuid not null references companies on delete cascade,
  created_by uuid not null references users on delete cascade,
  name text not null check (length(name) between 1 and 100),
  prefix text not null unique,
  secret_hash text not null,
  scopes text[] not null,
  project_ids uuid[],
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz not null default now()
);
comment on column api_keys.project_ids is 'null means every project the creator can reach';
create index api_keys_company_idx on api_keys (company_id, created_at desc);

-- Refresh tokens, login failures and signing keys are read only by the auth service, which
-- runs as the owner before any claims exist: tcpa_app gets no grant on them.
create table refresh_tokens (
  id uuid primary key default gen_random_uuid(),
  family_id uuid not null,
  user_id uuid not null references users on delete cascade,
  company_id uuid not null references companies on delete cascade,
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  revoked_at timestamptz,
  ip text,
  user_agent text
);
create index refresh_tokens_family_idx on refresh_tokens (family_id);
create index refresh_tokens_user_idx on refresh_tokens (user_id);

create table login_failures (
  id bigint generated always as identity primary key,
  email text not null,
  ip text not null,
  created_at timestamptz not null default now()
);
create index login_failures_email_idx on login_failures (lower(email), created_at);
create index login_failures_ip_idx on login_failures (ip, created_at);

create table signing_keys (
  kid text primary key,
  private_jwk jsonb not null,
  public_jwk jsonb not null,
  created_at timestamptz not null default now()
);

-- ---------------------------------------------------------------- audit log
create table audit_log (
  id bigint generated always as identity primary key,
  company_id uuid not null references companies,
  actor_user_id uuid,
  actor_api_key_id uuid,
  action text not null,
  target_type text not null,
  target_id text,
  details jsonb not null default '{}',
  ip text,
  user_agent text,
  request_id text,
  created_at timestamptz not null default now()
);
create index audit_log_company_idx on audit_log (company_id, id desc);

create function app.refuse_audit_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end $$;
create trigger audit_log_append_only before update or delete on audit_log
  for each row execute function app.refuse_audit_change();

-- ---------------------------------------------------------------- claims and permissions
create function app.claims() returns jsonb language sql stable as $$
  select coalesce(nullif(current_setting('request.jwt.claims', true), ''), '{}')::jsonb
$$;
create function app.user_id() returns uuid language sql stable as $$
  select (app.claims() ->> 'sub')::uuid
$$;
create function app.company_id() returns uuid language sql stable as $$
  select (app.claims() ->> 'company_id')::uuid
$$;
create function app.api_key_id() returns uuid language sql stable as $$
  select (app.claims() ->> 'api_key_id')::uuid
$$;

-- Company-wide permissions of the caller: the company role's permissions, narrowed to the
-- API key's scopes when the caller is a key. Read fresh from the tables on every query, so a
-- role change or removal takes effect at once, whatever the token says.
create function app.company_permissions() returns text[]
language sql stable security definer set search_path = public, pg_temp as $$
  select coalesce((
    select case
      when app.api_key_id() is null then r.permissions
      else array(select unnest(r.permissions) intersect select unnest(k.scopes))
    end
    from company_memberships m
    join roles r on r.id = m.role_id
    left join api_keys k on k.id = app.api_key_id() and k.company_id = m.company_id
      and k.revoked_at is null
    where m.company_id = app.company_id() and m.user_id = app.user_id()
      and (app.api_key_id() is null or k.id is not null)
  ), '{}')
$$;

create function app.has_permission(permission text) returns boolean
language sql stable as $$
  select permission = any(app.company_permissions())
$$;

-- True when the caller holds a permission on every project of the company: a company role
-- that grants it, and no API key narrowing to some projects. Lets policies skip the per-project
-- list for owners and admins, and lets a freshly inserted project pass the read policy.
create function app.all_projects_with(permission text) returns boolean
language sql stable security definer set search_path = public, pg_temp as $$
  select permission = any(app.company_permissions())
    and not exists (select from api_keys k where k.id = app.api_key_id() and k.project_ids is not null)
$$;

-- Projects of the caller's company on which the caller holds a permission: all of them when
-- the company role grants it, else those whose project role grants it; an API key narrows
-- this to its scopes and its projects.
create function app.project_ids_with(permission text) returns uuid[]
language sql stable security definer set search_path = public, pg_temp as $$
  with caller as (
    select m.company_id, m.user_id, r.permissions as company_permissions
    from company_memberships m join roles r on r.id = m.role_id
    where m.company_id = app.company_id() and m.user_id = app.user_id()
  ), key as (
    select k.scopes, k.project_ids from api_keys k
    where k.id = app.api_key_id() and k.company_id = app.company_id() and k.revoked_at is null
  )
  select coalesce(array_agg(p.id), '{}')
  from projects p join caller c on c.company_id = p.company_id
  where (app.api_key_id() is null or exists (
          select from key where permission = any(key.scopes)
            and (key.project_ids is null or p.id = any(key.project_ids))))
    and (permission = any(c.company_permissions) or exists (
          select from project_members pm join roles r on r.id = pm.role_id
          where pm.project_id = p.id and pm.user_id = c.user_id
            and permission = any(r.permissions)))
$$;

grant execute on all functions in schema app to tcpa_app;

-- ---------------------------------------------------------------- plan limits
-- Counted under a lock on the company's subscription row, so two concurrent creations cannot
-- both slip under the limit.
create function app.enforce_project_limit() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
declare
  plan record;
  upgrade record;
  used int;
begin
  select p.id, p.name, p.max_projects into plan
  from subscriptions s join plans p on p.id = s.plan_id
  where s.company_id = new.company_id
  for update of s;
  if plan.max_projects is not null then
    select count(*) into used from projects where company_id = new.company_id;
    if used >= plan.max_projects then
      select p.id, p.name, p.max_projects into upgrade from plans p
      where p.max_projects is null or p.max_projects > used order by p.rank limit 1;
      raise exception 'plan_limit' using errcode = 'TCPPL', detail = json_build_object(
        'limit', 'projects', 'planId', plan.id, 'planName', plan.name,
        'max', plan.max_projects, 'used', used,
        'upgradeTo', upgrade.id, 'upgradeToName', upgrade.name, 'upgradeMax', upgrade.max_projects)::text;
    end if;
  end if;
  return new;
end $$;
create trigger projects_plan_limit before insert on projects
  for each row execute function app.enforce_project_limit();

-- ---------------------------------------------------------------- row-level security
alter table companies enable row level security;
create policy companies_read on companies for select using (id = (select app.company_id()));
create policy companies_update on companies for update
  using (id = (select app.company_id()) and (select app.has_permission('company:write')));
grant select, update (name) on companies to tcpa_app;

alter table users enable row level security;
create policy users_read on users for select using (
  id = (select app.user_id())
  or id in (select user_id from company_memberships where company_id = (select app.company_id())));
create policy users_update_self on users for update using (id = (select app.user_id()));
grant select (id, email, name, created_at, updated_at), update (name, updated_at) on users
  to tcpa_app;

alter table roles enable row level security;
create policy roles_read on roles for select
  using (company_id is null or company_id = (select app.company_id()));
grant select on roles to tcpa_app;

alter table company_memberships enable row level security;
create policy memberships_read on company_memberships for select
  using (company_id = (select app.company_id()));
create policy memberships_insert on company_memberships for insert
  with check (company_id = (select app.company_id()) and (select app.has_permission('members:write')));
create policy memberships_update on company_memberships for update
  using (company_id = (select app.company_id()) and (select app.has_permission('members:write')));
create policy memberships_delete on company_memberships for delete
  using (company_id = (select app.company_id()) and (select app.has_permission('members:write')));
grant select, insert, update, delete on company_memberships to tcpa_app;

alter table projects enable row level security;
create policy projects_read on projects for select
  using (company_id = (select app.company_id())
    and ((select app.all_projects_with('projects:read'))
      or id = any((select app.project_ids_with('projects:read'))::uuid[])));
create policy projects_insert on projects for insert
  with check (company_id = (select app.company_id()) and (select app.has_permission('projects:create')));
create policy projects_update on projects for update
  using (company_id = (select app.company_id())
    and ((select app.all_projects_with('projects:write'))
      or id = any((select app.project_ids_with('projects:write'))::uuid[])));
create policy projects_delete on projects for delete
  using (company_id = (select app.company_id())
    and ((select app.all_projects_with('projects:delete'))
      or id = any((select app.project_ids_with('projects:delete'))::uuid[])));
grant select, insert, update, delete on projects to tcpa_app;

alter table project_members enable row level security;
create policy project_members_read on project_members for select
  using (company_id = (select app.company_id())
    and ((select app.all_projects_with('projects:read'))
      or project_id = any((select app.project_ids_with('projects:read'))::uuid[])));
create policy project_members_insert on project_members for insert
  with check (project_id = any((select app.project_ids_with('project_members:write'))::uuid[]));
create policy project_members_update on project_members for update
  using (project_id = any((select app.project_ids_with('project_members:write'))::uuid[]));
create policy project_members_delete on project_members for delete
  using (project_id = any((select app.project_ids_with('project_members:write'))::uuid[]));
grant select, insert, update, delete on project_members to tcpa_app;

alter table subscriptions enable row level security;
create policy subscriptions_read on subscriptions for select
  using (company_id = (select app.company_id()));
grant select on subscriptions to tcpa_app;

alter table invitations enable row level security;
create policy invitations_read on invitations for select
  using (company_id = (select app.company_id()) and (select app.has_permission('members:read')));
create policy invitations_insert on invitations for insert
  with check (company_id = (select app.company_id()) and (select app.has_permission('members:write')));
create policy invitations_update on invitations for update
  using (company_id = (select app.company_id()) and (select app.has_permission('members:write')));
grant select, insert, update (revoked_at) on invitations to tcpa_app;

alter table api_keys enable row level security;
create policy api_keys_read on api_keys for select
  using (company_id = (select app.company_id())
    and ((select app.has_permission('api_keys:read')) or (select app.has_permission('api_keys:write'))));
create policy api_keys_insert on api_keys for insert
  with check (company_id = (select app.company_id()) and created_by = (select app.user_id())
    and (select app.has_permission('api_keys:write')));
create policy api_keys_revoke on api_keys for update
  using (company_id = (select app.company_id()) and (select app.has_permission('api_keys:write')));
grant select (id, company_id, created_by, name, prefix, scopes, project_ids, expires_at,
  last_used_at, revoked_at, created_at), insert, update (revoked_at) on api_keys to tcpa_app;

alter table audit_log enable row level security;
create policy audit_read on audit_log for select
  using (company_id = (select app.company_id()) and (select app.has_permission('audit:read')));
create policy audit_insert on audit_log for insert
  with check (company_id = (select app.company_id()));
grant select, insert on audit_log to tcpa_app;
