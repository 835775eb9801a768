import { projectKeys } from '../projects/keys.ts';

export type AlertState = 'open' | 'resolved';

export const alertKeys = {
  /** Every alerts list of a project, whatever its state. */
  alerts: (projectId: string) => [...projectKeys.scope(projectId), 'alerts'] as const,
  list: (projectId: string, state: AlertState) => [...alertKeys.alerts(projectId), state] as const,
  rules: (projectId: string) => [...projectKeys.scope(projectId), 'alert-rules'] as const,
};

/** Any project's rules list: a deleted channel leaves the rules that used it. */
export function isAlertRulesKey(key: readonly unknown[]): boolean {
  return key[0] === 'project' && key[2] === 'alert-rules';
}
