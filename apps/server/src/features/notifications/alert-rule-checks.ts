import type { AlertCondition } from '@tcpa/contracts';
import type { Queryable } from '@tcpa/db';
import { AppError } from '../../http/app-error.ts';

/** What each condition takes besides its channels: which of threshold and forMinutes, and their defaults. */
const SHAPES: Record<AlertCondition, { threshold?: number; forMinutes?: number; available: boolean }> = {
  transfer_failed: { available: true },
  job_run_failed: { available: true },
  job_run_skipped: { available: true },
  job_run_missed: { available: true },
  agent_pending: { available: true },
  agent_offline: { forMinutes: 5, available: true },
  plan_usage: { threshold: 80, available: true },
  disk_space_low: { threshold: 10, available: true },
  transfer_slow: { threshold: 50, forMinutes: 10, available: true },
};

/**
 * A rule's threshold and minutes as its condition reads them: defaults filled in, and a clear
 * error for a field the condition has no use for (or a condition not evaluated yet).
 */
export function ruleParameters(
  condition: AlertCondition,
  given: { threshold: number | null | undefined; forMinutes: number | null | undefined },
): { threshold: number | null; forMinutes: number | null } {
  const shape = SHAPES[condition];
  if (!shape.available) {
    throw new AppError(
      'validation_failed',
      `condition: ${condition} is not evaluated by this version yet; pick another`,
    );
  }
  if (shape.threshold === undefined && given.threshold != null) {
    throw new AppError('validation_failed', `threshold: ${condition} takes no threshold; leave it out`);
  }
  if (shape.forMinutes === undefined && given.forMinutes != null) {
    throw new AppError('validation_failed', `forMinutes: ${condition} takes no minutes; leave it out`);
  }
  return {
    threshold: shape.threshold === undefined ? null : (given.threshold ?? shape.threshold),
    forMinutes: shape.forMinutes === undefined ? null : (given.forMinutes ?? shape.forMinutes),
  };
}

/** The channels named, each one the caller can see in the company; a clear 404 naming any other. */
export async function requireChannels(tx: Queryable, channelIds: string[]): Promise<string[]> {
  const unique = [...new Set(channelIds)];
  if (unique.length === 0) return [];
  const [row] = await tx.query<{ missing: string[] }>(
    `select coalesce(array_agg(wanted.id), '{}') as missing from unnest($1::uuid[]) as wanted(id)
     where not exists (select from notification_channels c where c.id = wanted.id)`,
    [unique],
  );
  if (row && row.missing.length > 0) {
    throw new AppError('not_found', `Notification channels not found: ${row.missing.join(', ')}`);
  }
  return unique;
}
