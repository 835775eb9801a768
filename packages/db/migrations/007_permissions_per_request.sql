-- The caller's permissions are read from the tables once per request, when its transaction
-- starts (app.begin_request), and kept in transaction-local settings. The functions the
-- policies call then read those settings and no table: before, every statement re-ran the
-- membership/role/API-key lookups in each policy it touched.
--
-- Freshness is unchanged: every request computes its permissions anew and nothing is kept
-- between transactions, so a role change, a removal or a revoked key applies from the next
-- request. The settings remember the claims they were computed for: if request.jwt.claims
-- changes afterwards (or was set without begin_request), the functions grant nothing. They
-- fail closed; there is no second path that reads the tables.
--
-- Settings (all `set_config(…, true)`, so they end with the transaction):
--   request.permissions_for      the claims text they were computed for
--   request.company_permissions  text[]: the company role's permissions ∩ the API key's scopes
--   request.all_projects         'true' unless an API key limits the caller to some projects
--   request.key_scopes           text[] of the API key ('' without a key)
--   request.key_projects         uuid[]: the key's projects that exist in the company ('' if unlimited)
--   request.project_grants       jsonb {project id: [permissions]} of the caller's project roles,
--                                read on first need by project_ids_with ('' until then)

-- Runs as the database owner, before `set local role tcpa_app`, so it reads the tables
-- directly (no policy, no SECURITY DEFINER). The application role may not call it.
-- Assignments rather than PERFORM: plpgsql evaluates them without an executor run.
create function app.begin_request(claims text) returns void
language plpgsql volatile as $$
declare
  parsed jsonb := coalesce(nullif(claims, ''), '{}')::jsonb;
  company uuid := (parsed ->> 'company_id')::uuid;
  caller uuid := (parsed ->> 'sub')::uuid;
  key_id uuid := (parsed ->> 'api_key_id')::uuid;
  role_permissions text[];
  key_scopes text[];
  key_projects uuid[];
  ignored text;
begin
  ignored := set_config('request.jwt.claims', claims, true);
  ignored := set_config('request.permissions_for', claims, true);

  select r.permissions into role_permissions
  from public.company_memberships m join public.roles r on r.id = m.role_id
  where m.company_id = company and m.user_id = caller;

  if key_id is not null then
    select k.scopes, k.project_ids into key_scopes, key_projects
    from public.api_keys k
    where k.id = key_id and k.company_id = company and k.revoked_at is null;
    if not found then
      role_permissions := null; -- revoked, or not a key of this company: no power at all
      key_scopes := '{}';
      key_projects := '{}';
    end if;
    if key_projects is not null then
      key_projects := array(select p.id from public.projects p
                            where p.company_id = company and p.id = any(key_projects));
    end if;
    role_permissions := array(select unnest(role_permissions) intersect select unnest(key_scopes));
    ignored := set_config('request.key_scopes', key_scopes::text, true);
    ignored := set_config('request.key_projects', coalesce(key_projects::text, ''), true);
  end if;

  ignored := set_config('request.company_permissions', coalesce(role_permissions, '{}')::text, true);
  ignored := set_config('request.all_projects', (role_permissions is not null and key_projects is null)::text, true);
end $$;
revoke all on function app.begin_request(text) from public;

-- The four functions policies and the service layer call keep their names and results.
-- The first three are plain SQL expressions, so the planner inlines them into each policy.
create or replace function app.company_permissions() returns text[]
language sql stable as $$
  select coalesce(case when current_setting('request.permissions_for', true)
                            = current_setting('request.jwt.claims', true)
                       then nullif(current_setting('request.company_permissions', true), '')::text[] end,
                  '{}')
$$;

create or replace function app.has_permission(permission text) returns boolean
language sql stable as $$
  select permission = any(app.company_permissions())
$$;

create or replace function app.all_projects_with(permission text) returns boolean
language sql stable as $$
  select coalesce(current_setting('request.all_projects', true) = 'true', false)
    and permission = any(app.company_permissions())
$$;

-- Projects of the caller's company on which the caller holds `permission`: all of them when
-- the company role grants it (narrowed to an API key's projects), else those whose project
-- role grants it. Reads tables (as the owner), but policies only get here when
-- all_projects_with said no, and the project grants are read once per transaction.
create or replace function app.project_ids_with(permission text) returns uuid[]
language plpgsql stable security definer set search_path = public, pg_temp as $$
declare
  key_scopes text := nullif(current_setting('request.key_scopes', true), '');
  key_projects uuid[] := nullif(current_setting('request.key_projects', true), '')::uuid[];
  grants text := nullif(current_setting('request.project_grants', true), '');
  ignored text;
begin
  if current_setting('request.permissions_for', true) is distinct from current_setting('request.jwt.claims', true)
     or (key_scopes is not null and not permission = any(key_scopes::text[])) then
    return '{}';
  end if;
  if permission = any(app.company_permissions()) then
    if key_projects is not null then
      return key_projects;
    end if;
    return array(select p.id from projects p where p.company_id = app.company_id());
  end if;
  if grants is null then
    select coalesce(jsonb_object_agg(pm.project_id, r.permissions), '{}')::text into grants
    from project_members pm
    join company_memberships m on m.company_id = pm.company_id and m.user_id = pm.user_id
    join roles r on r.id = pm.role_id
    where pm.company_id = app.company_id() and pm.user_id = app.user_id();
    ignored := set_config('request.project_grants', grants, true);
  end if;
  return array(
    select grants_of_caller.project_id::uuid
    from jsonb_each(grants::jsonb) as grants_of_caller(project_id, permissions)
    where grants_of_caller.permissions ? permission
      and (key_projects is null or grants_of_caller.project_id::uuid = any(key_projects)));
end $$;
