import { Cron } from 'croner';
import { AppError } from '../../http/app-error.ts';

/** A schedule as stored: a cron expression in a time zone, or every N minutes. */
export type ScheduleRule =
  | { kind: 'cron'; cron: string; timeZone: string }
  | { kind: 'interval'; everyMinutes: number };

const MINUTE_MS = 60_000;
/** Firings looked at to find a cron expression's shortest gap: enough for any pattern's closest pair. */
const GAP_SAMPLE = 200;

/** Parsed expressions, reused (a burst of firings shares a few patterns); bounded: cleared when full. */
const parsed = new Map<string, Cron>();
const MAX_PARSED = 1000;
/**
 * Zones croner may treat as a fixed offset of 0: the same firings, without the Intl date conversions
 * a named zone costs on every step (about 50 µs against 2 to 7 µs a nextRun; most of a firing's CPU).
 */
const ZERO_OFFSET_ZONES = new Set(['UTC', 'Etc/UTC']);

function cronOf(rule: { cron: string; timeZone: string }): Cron {
  const key = `${rule.timeZone} ${rule.cron}`;
  const known = parsed.get(key);
  if (known) return known;
  try {
    // Paused, never started: its next and previous runs depend only on the dates given.
    const zone = ZERO_OFFSET_ZONES.has(rule.timeZone) ? { utcOffset: 0 } : { timezone: rule.timeZone };
    const cron = new Cron(rule.cron, { ...zone, paused: true });
    if (parsed.size >= MAX_PARSED) parsed.clear();
    parsed.set(key, cron);
    return cron;
  } catch (error) {
    throw new AppError('validation_failed', `Cron expression "${rule.cron}" is not valid: ${(error as Error).message}`);
  }
}

/** Refuses (400) what croner would accept beyond the rule: exactly 5 fields, a known IANA zone. */
export function checkScheduleRule(rule: ScheduleRule): void {
  if (rule.kind === 'interval') return;
  if (rule.cron.trim().split(/\s+/).length !== 5) {
    throw new AppError(
      'validation_failed',
      `Cron expression "${rule.cron}" must have 5 fields: minute hour day month weekday`,
    );
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone: rule.timeZone });
  } catch {
    throw new AppError(
      'validation_failed',
      `Time zone "${rule.timeZone}" is not an IANA time zone (e.g. Europe/Berlin)`,
    );
  }
  if (!cronOf(rule).nextRun()) throw new AppError('validation_failed', `Cron expression "${rule.cron}" never fires`);
}

/**
 * The first firing strictly after `after`. Intervals are aligned on multiples of N minutes since
 * the epoch, so every server computes the same times whatever moment the job was saved.
 */
export function nextFireAfter(rule: ScheduleRule, after: Date): Date | null {
  if (rule.kind === 'interval') {
    const step = rule.everyMinutes * MINUTE_MS;
    return new Date((Math.floor(after.getTime() / step) + 1) * step);
  }
  return cronOf(rule).nextRun(after);
}

/** The next `count` firings after `after` (fewer if the rule stops firing). */
export function nextFireTimes(rule: ScheduleRule, after: Date, count: number): Date[] {
  const times: Date[] = [];
  let from = after;
  while (times.length < count) {
    const next = nextFireAfter(rule, from);
    if (!next) break;
    times.push(next);
    from = next;
  }
  return times;
}

/** The newest `max` firings from `from` to `to` (both included), oldest first: what a late tick has to account for. */
export function latestFires(rule: ScheduleRule, from: Date, to: Date, max: number): Date[] {
  let times: Date[];
  if (rule.kind === 'interval') {
    const step = rule.everyMinutes * MINUTE_MS;
    times = [];
    for (let time = Math.floor(to.getTime() / step) * step; times.length < max; time -= step)
      times.push(new Date(time));
  } else {
    // croner counts a firing earlier in the same second as the reference: 1 ms past `to` includes `to`.
    // One step back at a time, stopping before `from`: an on-time daily firing costs two steps, not `max`.
    const cron = cronOf(rule);
    times = [];
    let reference = new Date(to.getTime() + 1);
    while (times.length < max) {
      const [previous] = cron.previousRuns(1, reference);
      if (!previous || previous < from) break;
      times.push(previous);
      reference = new Date(previous.getTime() - 1);
    }
  }
  return times.filter((time) => time >= from).reverse();
}

/** The shortest time between two firings, in minutes (what the plan's minimum is checked against). */
export function shortestGapMinutes(rule: ScheduleRule): number {
  if (rule.kind === 'interval') return rule.everyMinutes;
  const times = cronOf(rule).nextRuns(GAP_SAMPLE);
  let shortest = Number.POSITIVE_INFINITY;
  for (let i = 1; i < times.length; i++) {
    shortest = Math.min(shortest, ((times[i]?.getTime() ?? 0) - (times[i - 1]?.getTime() ?? 0)) / MINUTE_MS);
  }
  return shortest;
}
