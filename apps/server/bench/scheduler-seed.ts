/** The schedules part A of `npm run bench:jobs` fires: written as the owner, straight into the tables. */
import type pg from 'pg';

/** A project of this many jobs, companies of this many projects: 10,000 schedules span 10 companies. */
export const JOBS_PER_PROJECT = 100;
export const PROJECTS_PER_COMPANY = 10;

export interface SeededSchedules {
  companies: number;
  projects: number;
  jobs: number;
}

/**
 * Zones the schedules are spread over, as users in several countries would write them: a named
 * zone costs the scheduler more than UTC (croner converts every step), so the bench must not be
 * all UTC.
 */
const TIME_ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'Australia/Sydney', 'Asia/Kolkata'];

/** "M H * * *": daily at `fireTime` as a clock in `timeZone` shows it. */
function dailyCronAt(fireTime: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, hour: 'numeric', minute: 'numeric', hourCycle: 'h23' })
      .formatToParts(fireTime)
      .map((part) => [part.type, part.value]),
  );
  return `${Number(parts.minute)} ${Number(parts.hour)} * * *`;
}

/**
 * `count` jobs, one daily cron schedule each ("M H * * *" in one of TIME_ZONES), all due at `fireTime`: after
 * it they next fire a day later, so every run the bench counts belongs to this one firing. Each
 * project has two agents that never connect: active (runs start and queue a transfer that waits)
 * or pending (runs are recorded skipped: the scheduler alone, without the transfer queue).
 */
export async function seedDueSchedules(
  owner: pg.Client,
  count: number,
  fireTime: Date,
  agentStatus: 'active' | 'pending',
): Promise<SeededSchedules> {
  const projects = Math.ceil(count / JOBS_PER_PROJECT);
  const companies = Math.ceil(projects / PROJECTS_PER_COMPANY);
  await owner.query('begin');
  try {
    await owner.query(`insert into companies (name) select 'bench company ' || n from generate_series(1, $1) n`, [
      companies,
    ]);
    await owner.query(
      `insert into subscriptions (company_id, plan_id) select id, 'enterprise' from companies
       on conflict (company_id) do update set plan_id = 'enterprise'`,
    );
    await owner.query(
      `insert into projects (company_id, name)
       select c.id, 'bench project ' || p from (select id, row_number() over (order by id) - 1 as i from companies) c,
         generate_series(1, $2) p
       where c.i * $2 + p <= $1`,
      [projects, PROJECTS_PER_COMPANY],
    );
    await owner.query(
      `insert into agents (company_id, project_id, name, status, public_key)
       select company_id, id, role, $1, '{"kty":"OKP","crv":"Ed25519","x":"bench"}'::jsonb
       from projects, unnest(array['source', 'destination']) role`,
      [agentStatus],
    );
    await owner.query(
      `insert into jobs (company_id, project_id, name, source_agent_id, source_paths, destination_agent_id,
         destination_dir, overwrite, priority, max_attempts)
       select p.company_id, p.id, 'bench job ' || n, s.id, array['outbox'], d.id, 'inbox', 'skip_identical', 5, 3
       from (select id, company_id, row_number() over (order by id) - 1 as i from projects) p
         join agents s on s.project_id = p.id and s.name = 'source'
         join agents d on d.project_id = p.id and d.name = 'destination',
         generate_series(1, $2) n
       where p.i * $2 + n <= $1`,
      [count, JOBS_PER_PROJECT],
    );
    await owner.query(
      `insert into job_schedules (job_id, company_id, project_id, kind, cron, time_zone, next_fire_at)
       select j.id, j.company_id, j.project_id, 'cron', z.cron, z.zone, $3
       from (select id, company_id, project_id, row_number() over (order by id) - 1 as i from jobs) j
         join unnest($1::text[], $2::text[]) with ordinality as z(zone, cron, k) on z.k - 1 = j.i % $4`,
      [TIME_ZONES, TIME_ZONES.map((zone) => dailyCronAt(fireTime, zone)), fireTime.toISOString(), TIME_ZONES.length],
    );
    await owner.query('commit');
  } catch (error) {
    await owner.query('rollback');
    throw error;
  }
  return { companies, projects, jobs: count };
}
