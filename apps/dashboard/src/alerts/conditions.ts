import { type AlertCondition, AlertConditionSchema, type AlertRule } from '@tcpa/contracts';

/** Every condition the server evaluates, in the order the form offers them. */
export const OFFERED_CONDITIONS: readonly AlertCondition[] = AlertConditionSchema.options;

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

/** What a condition takes besides its channels, with the server's defaults and the form's labels. */
export const CONDITION_PARAMETERS: Partial<
  Record<
    AlertCondition,
    { threshold?: { label: string; default: number }; minutes?: { label: string; default: number } }
  >
> = {
  agent_offline: { minutes: { label: 'Offline for (minutes; 0: at once)', default: 5 } },
  plan_usage: { threshold: { label: 'Usage threshold (% of a plan limit)', default: 80 } },
  disk_space_low: { threshold: { label: "Free space under (% of the agent's disk)", default: 10 } },
  transfer_slow: {
    threshold: { label: "Rate under (% of the path's usual rate)", default: 50 },
    minutes: { label: 'For (minutes)', default: 10 },
  },
};

/** The condition in words with its parameters: "An agent is offline for 5 minutes". */
export function describeCondition(rule: Pick<AlertRule, 'condition' | 'forMinutes' | 'threshold'>): string {
  const name = CONDITION_NAMES[rule.condition];
  const shape = CONDITION_PARAMETERS[rule.condition];
  const minutes = rule.forMinutes ?? shape?.minutes?.default ?? 0;
  const threshold = rule.threshold ?? shape?.threshold?.default ?? 0;
  const forMinutes = minutes === 0 ? ' (at once)' : ` for ${minutes} minute${minutes === 1 ? '' : 's'}`;
  switch (rule.condition) {
    case 'agent_offline':
      return `${name}${forMinutes}`;
    case 'plan_usage':
      return `${name}: ${threshold}% of a limit`;
    case 'disk_space_low':
      return `${name}: under ${threshold}% free`;
    case 'transfer_slow':
      return `${name}: under ${threshold}% of its path's usual rate${forMinutes}`;
    default:
      return name;
  }
}
