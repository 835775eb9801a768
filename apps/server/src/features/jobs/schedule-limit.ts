import type { JobScheduleInput } from '@tcpa/contracts';
import type { Queryable } from '@tcpa/db';
import { AppError } from '../../http/app-error.ts';
import { checkScheduleRule, shortestGapMinutes } from './fire-times.ts';

interface PlanRow {
  id: string;
  name: string;
  min_schedule_interval_minutes: number;
}

const every = (minutes: number) => (minutes === 1 ? 'every minute' : `every ${minutes} minutes`);

/**
 * Refuses (400) a schedule that is not valid, and (402 plan_limit) one that fires more often than
 * the company's plan allows, naming the cheapest plan that allows it.
 */
export async function checkSchedules(tx: Queryable, schedules: JobScheduleInput[]): Promise<void> {
  if (schedules.length === 0) return;
  for (const schedule of schedules) checkScheduleRule(schedule);
  const shortest = Math.min(...schedules.map(shortestGapMinutes));
  const [current] = await tx.query<PlanRow>(
    `select p.id, p.name, p.min_schedule_interval_minutes from subscriptions s join plans p on p.id = s.plan_id
     where s.company_id = app.company_id()`,
  );
  if (!current || shortest >= current.min_schedule_interval_minutes) return;
  const [lifting] = await tx.query<PlanRow>(
    `select id, name, min_schedule_interval_minutes from plans where min_schedule_interval_minutes <= $1
     order by rank limit 1`,
    [shortest],
  );
  const requested = Math.floor(shortest);
  throw new AppError(
    'plan_limit',
    `A schedule that fires ${every(requested)} is not part of the ${current.name} plan (at most ${every(current.min_schedule_interval_minutes)}): ` +
      `upgrade to ${lifting?.name ?? 'a higher plan'} to use it`,
    {
      limit: 'schedule_interval',
      planId: current.id,
      planName: current.name,
      minMinutes: current.min_schedule_interval_minutes,
      requestedMinutes: requested,
      upgradeTo: lifting?.id ?? null,
      upgradeToName: lifting?.name ?? null,
    },
  );
}
