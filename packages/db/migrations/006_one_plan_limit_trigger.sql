-- One trigger function for every counted plan limit (projects, agents), replacing two copies.
-- The counting happens under a lock on the company's subscription row, so concurrent inserts
-- cannot both slip under the limit.
create function app.enforce_plan_limit() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
declare
  kind text := tg_argv[0];
  plan record;
  upgrade record;
  used int;
begin
  select p.id, p.name, case kind when 'projects' then p.max_projects else p.max_agents end as max_allowed
  into plan
  from subscriptions s join plans p on p.id = s.plan_id
  where s.company_id = new.company_id
  for update of s;
  if plan.max_allowed is null then
    return new;
  end if;
  if kind = 'projects' then
    select count(*) into used from projects where company_id = new.company_id;
  else
    -- Rejected and revoked agents do not count.
    select count(*) into used from agents where company_id = new.company_id and status in ('pending', 'active');
  end if;
  if used >= plan.max_allowed then
    select p.id, p.name, p.limit_value as max_allowed into upgrade
    from (select id, name, rank, case kind when 'projects' then max_projects else max_agents end as limit_value
          from plans) p
    where p.limit_value is null or p.limit_value > used
    order by p.rank limit 1;
    raise exception 'plan_limit' using errcode = 'TCPPL', detail = json_build_object(
      'limit', kind, 'planId', plan.id, 'planName', plan.name, 'max', plan.max_allowed, 'used', used,
      'upgradeTo', upgrade.id, 'upgradeToName', upgrade.name, 'upgradeMax', upgrade.max_allowed)::text;
  end if;
  return new;
end $$;

drop trigger projects_plan_limit on projects;
create trigger projects_plan_limit before insert on projects
  for each row execute function app.enforce_plan_limit('projects');
drop trigger agents_plan_limit on agents;
create trigger agents_plan_limit before insert on agents
  for each row execute function app.enforce_plan_limit('agents');
drop function app.enforce_project_limit();
drop function app.enforce_agent_limit();
