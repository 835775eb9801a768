-- What the caller may do in each project, for the dashboard to show a project's pages and buttons:
-- a member whose power comes from a project role (an operator of one project) saw only the
-- company role's permissions before, so no Alerts or Jobs link and no write buttons.

-- The caller's project roles {project id: [permissions]}, read from the tables (as the owner) on
-- first need and kept for the transaction in request.project_grants (see migration 007). Taken
-- out of app.project_ids_with so app.project_permissions reads the same grants.
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

-- The caller's permissions in one project (sorted): the company role's and the project role's,
-- both narrowed by an API key's scopes and projects. The same answer app.project_ids_with gives
-- one permission at a time: `p = any(project_permissions(x, c))` exactly when
-- `x = any(project_ids_with(p))` for a project x of company c. Policies do not call it; it
-- reads no table but the caller's project roles, so callers pass a project row they can see.
create function app.project_permissions(project_id uuid, project_company_id uuid) returns text[]
language plpgsql stable as $$
declare
  key_scopes text[] := nullif(current_setting('request.key_scopes', true), '')::text[];
  key_projects uuid[] := nullif(current_setting('request.key_projects', true), '')::uuid[];
begin
  if current_setting('request.permissions_for', true) is distinct from current_setting('request.jwt.claims', true)
     or project_company_id is distinct from app.company_id()
     or (key_projects is not null and not project_id = any(key_projects)) then
    return '{}';
  end if;
  return array(
    select permission from unnest(app.company_permissions()) as permission
    union
    select permission from jsonb_array_elements_text(app.project_grants() -> project_id::text) as permission
    where key_scopes is null or permission = any(key_scopes)
    order by 1);
end $$;
