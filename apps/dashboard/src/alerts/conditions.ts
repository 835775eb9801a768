import type { AlertCondition, AlertRule } from '@tcpa/contracts';

/** The conditions this version of the server evaluates (disk_space_low and transfer_slow are refused for now). */
export const OFFERED_CONDITIONS = [
  'transfer_failed',
  'job_run_failed',
  'job_run_skipped',
  'job_run_missed',
  'agent_offline',
  'agent_pending',
  'plan_usage',
] as const satisfies readonly AlertCondition[];
export type OfferedCondition = (typeof OFFERED_CONDITIONS)[number];

export const CONDITION_NAMES: Record<AlertCondition, string> = {
  transfer_failed: 'A transfer failed',
  job_run_failed: 'A job run failed',
  job_run_skipped: 'A job run was skipped',
  job_run_missed: 'A job run was missed',
  agent_offline: 'An agent is offline',
  agent_pending: 'An agent waits for approval',
  plan_usage: 'Plan usage is high',
  disk_space_low: 'Disk space is low',
  transfer_slow: 'A transfer is slow',
};

export const DEFAULT_OFFLINE_MINUTES = 5;
export const DEFAULT_USAGE_PERCENT = 80;

/** The condition in words with its parameter: "An agent is offline for 5 minutes". */
export function describeCondition(rule: Pick<AlertRule, 'condition' | 'forMinutes' | 'threshold'>): string {
  const name = CONDITION_NAMES[rule.condition];
  if (rule.condition === 'agent_offline') {
    const minutes = rule.forMinutes ?? DEFAULT_OFFLINE_MINUTES;
    if (minutes === 0) return `${name} (at once)`;
    return `${name} for ${minutes} minute${minutes === 1 ? '' : 's'}`;
  }
  if (rule.condition === 'plan_usage') return `${name}: ${rule.threshold ?? DEFAULT_USAGE_PERCENT}% of a limit`;
  return name;
}
