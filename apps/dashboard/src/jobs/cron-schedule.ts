import { Cron } from 'croner';
import cronstrue from 'cronstrue';

export type CronCheck = { ok: true; description: string; nextFireTimes: Date[] } | { ok: false; error: string };

/**
 * What a 5-field cron expression means in words and when it fires next in `timeZone`, worked out
 * as the server does (croner, exactly 5 fields), so the editor shows the same times the job will get.
 */
export function checkCron(expression: string, timeZone: string, count = 5, after = new Date()): CronCheck {
  const cron = expression.trim();
  if (cron === '') return { ok: false, error: 'Write 5 fields: minute hour day-of-month month day-of-week.' };
  const fields = cron.split(/\s+/).length;
  if (fields !== 5)
    return {
      ok: false,
      error: `It has ${fields} field${fields === 1 ? '' : 's'}; a schedule needs 5: minute hour day-of-month month day-of-week.`,
    };
  let times: Date[];
  try {
    times = new Cron(cron, { timezone: timeZone, paused: true }).nextRuns(count, after);
  } catch (error) {
    return { ok: false, error: `Not a valid cron expression: ${(error as Error).message}` };
  }
  if (times.length === 0) return { ok: false, error: 'This expression never fires.' };
  let description: string;
  try {
    description = cronstrue.toString(cron, { use24HourTimeFormat: true, verbose: false });
  } catch {
    description = cron;
  }
  return { ok: true, description, nextFireTimes: times };
}

/** A fire time shown in the schedule's own time zone, with the zone's short name. */
export function formatInZone(time: Date, timeZone: string): string {
  return new Intl.DateTimeFormat(undefined, {
    timeZone,
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(time);
}

/** The browser's IANA zones, UTC first (Chromium's list leaves it out). */
export function timeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...zones.filter((zone) => zone !== 'UTC')];
}
