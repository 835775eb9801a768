import type { Database, Queryable } from '@tcpa/db';
import { sweepMeasuredConditionsAsService } from './measured-condition-alerts.ts';

// Any fixed number: one node at a time evaluates conditions (the others skip that round).
const SWEEP_LOCK_KEY = 7_270_016;
const DEFAULT_OFFLINE_MINUTES = 5;

/**
 * Opens and resolves alerts of conditions that hold over time rather than happen once: an agent
 * offline for N minutes (a flapping agent that comes back sooner opens nothing), plan usage at a
 * share of a limit, disk space and transfer rates (measured-condition-alerts.ts). Also resolves,
 * without a message, open alerts whose rule was deleted or disabled.
 *
 * A restart of this server cuts every agent off, and they come back over the next seconds (their
 * reconnect backoff): an agent offline since before `restart.startedAt` counts as offline only
 * once `restart.graceSeconds` have passed, so a restart raises no "agent offline" alert. One
 * that went offline since is not given that grace.
 */
export async function sweepConditionAlertsAsService(
  database: Database,
  restart: { startedAt: Date; graceSeconds: number },
): Promise<void> {
  await database.unsafeAsOwner(async (tx) => {
    const [lock] = await tx.query<{ locked: boolean }>('select pg_try_advisory_xact_lock($1) as locked', [
      SWEEP_LOCK_KEY,
    ]);
    if (!lock?.locked) return;
    await tx.query(
      `insert into alerts (company_id, project_id, rule_id, rule_name, condition, severity, subject_type, subject_id,
         subject_name, title, details)
       select r.company_id, r.project_id, r.id, r.name, r.condition, r.severity, 'agent', a.id, a.name,
         case coalesce(r.for_minutes, $1)
           when 0 then format('Agent "%s" is offline', a.name)
           when 1 then format('Agent "%s" has been offline for 1 minute', a.name)
           else format('Agent "%s" has been offline for %s minutes', a.name, coalesce(r.for_minutes, $1)) end,
         jsonb_build_object('lastSeenAt', a.last_seen_at, 'hostname', a.hostname)
       from alert_rules r
       join agents a on a.project_id = r.project_id and a.status = 'active' and a.deleted_at is null and not a.online
         and a.last_seen_at < now() - make_interval(mins => coalesce(r.for_minutes, $1))
         and (a.last_seen_at >= $2 or now() >= $2::timestamptz + make_interval(secs => $3))
       where r.condition = 'agent_offline' and r.enabled
       on conflict (rule_id, subject_id) where state = 'open' do nothing`,
      [DEFAULT_OFFLINE_MINUTES, restart.startedAt.toISOString(), restart.graceSeconds],
    );
    await tx.query(
      `update alerts al set state = 'resolved', resolved_at = now(),
         resolve_notice = case when al.open_notice = 'suppressed' then 'suppressed' else 'pending' end
       from agents a
       where al.condition = 'agent_offline' and al.state = 'open' and a.id = al.subject_id
         and (a.online or a.status <> 'active' or a.deleted_at is not null)`,
    );
    await sweepPlanUsage(tx);
    await sweepMeasuredConditionsAsService(tx);
    await tx.query(
      `update alerts al set state = 'resolved', resolved_at = now(), resolve_notice = 'suppressed',
         open_notice = case when al.open_notice = 'pending' then 'suppressed' else al.open_notice end
       where al.state = 'open'
         and (al.rule_id is null or exists (select from alert_rules r where r.id = al.rule_id and not r.enabled))`,
    );
  });
}

/** Agents and projects against the plan's limits, counted as the limits count them. */
const PLAN_USAGE = `
  select r.id as rule_id, r.company_id, r.project_id, r.name, r.severity, r.threshold, c.name as company_name,
    pl.name as plan_name, pl.max_agents, pl.max_projects,
    (select count(*) from agents a where a.company_id = r.company_id and a.status in ('pending', 'active')) as agents,
    (select count(*) from projects p where p.company_id = r.company_id) as projects
  from alert_rules r join companies c on c.id = r.company_id
  join subscriptions s on s.company_id = r.company_id join plans pl on pl.id = s.plan_id
  where r.condition = 'plan_usage' and r.enabled`;
const OVER = `((u.max_agents is not null and u.agents * 100 >= u.threshold * u.max_agents)
  or (u.max_projects is not null and u.projects * 100 >= u.threshold * u.max_projects))`;

async function sweepPlanUsage(tx: Queryable): Promise<void> {
  await tx.query(
    `insert into alerts (company_id, project_id, rule_id, rule_name, condition, severity, subject_type, subject_id,
       subject_name, title, details)
     select u.company_id, u.project_id, u.rule_id, u.name, 'plan_usage', u.severity, 'company', u.company_id,
       u.company_name,
       format('Plan usage at %s%%: %s of %s agents, %s of %s projects on the %s plan', u.threshold, u.agents,
         coalesce(u.max_agents::text, 'unlimited'), u.projects, coalesce(u.max_projects::text, 'unlimited'), u.plan_name),
       jsonb_build_object('agents', u.agents, 'maxAgents', u.max_agents, 'projects', u.projects,
         'maxProjects', u.max_projects)
     from (${PLAN_USAGE}) u where ${OVER}
     on conflict (rule_id, subject_id) where state = 'open' do nothing`,
  );
  await tx.query(
    `update alerts al set state = 'resolved', resolved_at = now(),
       resolve_notice = case when al.open_notice = 'suppressed' then 'suppressed' else 'pending' end
     from (${PLAN_USAGE}) u
     where al.rule_id = u.rule_id and al.state = 'open' and not ${OVER}`,
  );
}
