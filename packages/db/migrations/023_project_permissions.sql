-- What the caller may do in each project, for the dashboard to show a project's pages and buttons:
-- a member whose power comes from a project role (an operator of one project) saw only the
-- company role's permissions before, so no Alerts or Jobs link and no write buttons.

-- The caller's project roles {project id: [permissions]}, read from the tables (as the owner) on
-- first need and kept for the transaction in request.project_grants (see migration 007). Taken
-- out of app.project_ids_with so app.my_project_permissions reads the same grants.
create function app.project_grants() returns jsonb
language plpgsql stable security definer set search_path = public, pg_temp as $$
declare
  grants text := nullif(current_setting('request.project_grants', true), '');
  ignored text;
begin
  if grants is null then
    select coalesce(jsonb_object_agg(pm.project_id, r.permissions), '{}')::text into grants
    from project_members pm
    join company_memberships m on m.company_id = pm.company_id and m.user_id = pm.user_id
    join roles r on r.id = pm.role_id
    where pm.company_id = app.company_id() and pm.user_id = app.user_id();
    ignored := set_config('request.project_grants', grants, true);
  end if;
  return grants::jsonb;
end $$;

create or replace function app.project_ids_with(permission text) returns uuid[]
language plpgsql stable security definer set search_path = public, pg_temp as $$
declare
  key_scopes text := nullif(current_setting('request.key_scopes', true), '');
  key_projects uuid[] := nullif(current_setting('request.key_projects', true), '')::uuid[];
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
  return array(
    select grants_of_caller.project_id::uuid
    from jsonb_each(app.project_grants()) as grants_of_caller(project_id, permissions)
    where grants_of_caller.permissions ? permission
      and (key_projects is null or grants_of_caller.project_id::uuid = any(key_projects)));
end $$;

-- The caller's permissions in the projects of their company, for a list of projects to show what
-- you may do in each: `coalesce(by_project -> id::text, all_projects)`. One call per statement,
-- joined to the rows: a function called per row cost ~0.1 ms a project (2 ms for a list of 20).
-- This costs ~20 µs for an owner or admin, plus ~10 µs for each project with a role of the caller
-- (measured on PostgreSQL 15 in a loop of calls).
--   all_projects  the company role's permissions (narrowed by a key's scopes), which hold in every
--                 project; [] when a key limits the caller to some projects
--   by_project    {project id: permissions} for the projects where that is not the whole answer:
--                 those with a project role (company role ∪ project role ∩ key scopes), or each
--                 project of a key limited to some
-- Arrays are sorted. The same answer app.project_ids_with gives one permission at a time (a test
-- checks it for every permission). Policies do not call it.
create function app.my_project_permissions(out all_projects jsonb, out by_project jsonb)
language plpgsql stable as $$
declare
  key_scopes text[] := nullif(current_setting('request.key_scopes', true), '')::text[];
  key_projects uuid[] := nullif(current_setting('request.key_projects', true), '')::uuid[];
  company_wide text[] := app.company_permissions();
  grants jsonb;
begin
  all_projects := '[]';
  by_project := '{}';
  if current_setting('request.permissions_for', true) is distinct from current_setting('request.jwt.claims', true) then
    return;
  end if;
  if key_projects is null then
    all_projects := to_jsonb(array(select permission from unnest(company_wide) as permission order by 1));
  end if;
  grants := app.project_grants();
  if key_projects is null and grants = '{}' then
    return; -- the common case of an owner or admin: no query more
  end if;
  select jsonb_object_agg(listed.project_id, to_jsonb(array(
           select permission from unnest(company_wide) as permission
           union
           select permission from jsonb_array_elements_text(grants -> listed.project_id) as permission
           where key_scopes is null or permission = any(key_scopes)
           order by 1)))
    into by_project
  from unnest(coalesce(key_projects::text[], array(select jsonb_object_keys(grants)))) as listed(project_id);
  by_project := coalesce(by_project, '{}');
end $$;
