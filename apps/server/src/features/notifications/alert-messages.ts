import type { NotificationMessage } from './notification-message.ts';

/** An alert as a message names it. */
export interface AlertNotice {
  id: string;
  subject_type: 'agent' | 'transfer' | 'job' | 'company';
  subject_id: string;
  subject_name: string;
  title: string;
  opened_at: string;
  resolved_at: string | null;
}

interface RuleContext {
  rule: {
    id: string;
    name: string;
    condition: string;
    severity: NotificationMessage['severity'];
    project_id: string;
    project_name: string;
  };
  publicUrl: string;
}

/** What a rule's channels are told, and what its webhook endpoints get. */
export interface AlertMessage {
  message: NotificationMessage;
  webhook: { type: string; data: unknown };
}

/** A burst lists this many subjects by name, then counts the rest. */
const LISTED = 20;
const PLURAL: Record<AlertNotice['subject_type'], string> = {
  agent: 'agents',
  transfer: 'transfers',
  job: 'jobs',
  company: 'companies',
};

/** One alert is told as itself; several of a rule at once as one summary (a burst). */
export function alertMessageOf(
  kind: 'alert_opened' | 'alert_resolved',
  alerts: AlertNotice[],
  { rule, publicUrl }: RuleContext,
): AlertMessage {
  const [first] = alerts;
  if (!first) throw new Error('an alert message needs an alert');
  const resolved = kind === 'alert_resolved';
  const project = `/p/${rule.project_id}`;
  const single = alerts.length === 1;
  // Every channel shows "Resolved" beside the title (the severity label): not in the title again.
  const title = single
    ? first.title
    : `${rule.name}: ${alerts.length} ${PLURAL[first.subject_type]} in project "${rule.project_name}"`;
  const message: NotificationMessage = {
    kind,
    severity: resolved ? 'info' : rule.severity,
    title,
    text: single
      ? `${resolved ? 'No longer' : 'Alert'} in project "${rule.project_name}", rule "${rule.name}".`
      : `${alerts.length} ${PLURAL[first.subject_type]} ${resolved ? 'no longer match' : 'match'} the rule "${rule.name}" in project "${rule.project_name}".`,
    facts: [
      { name: 'Project', value: rule.project_name },
      { name: 'Rule', value: rule.name },
      { name: 'Severity', value: rule.severity },
      ...(single ? [{ name: capitalised(first.subject_type), value: first.subject_name }] : []),
      { name: resolved ? 'Resolved at' : 'Since', value: (resolved ? first.resolved_at : first.opened_at) ?? '' },
    ],
    ...(single
      ? {}
      : {
          items: alerts.slice(0, LISTED).map((alert) => alert.subject_name),
          moreCount: Math.max(0, alerts.length - LISTED),
        }),
    link: single
      ? subjectLink(publicUrl, project, first)
      : { label: 'Open alerts', url: `${publicUrl}${project}/alerts` },
  };
  return {
    message,
    webhook: {
      type: resolved ? 'alert.resolved' : 'alert.opened',
      data: {
        rule: { id: rule.id, name: rule.name, condition: rule.condition, severity: rule.severity },
        projectId: rule.project_id,
        alerts: alerts.map((alert) => ({
          id: alert.id,
          subjectType: alert.subject_type,
          subjectId: alert.subject_id,
          subjectName: alert.subject_name,
          title: alert.title,
          openedAt: alert.opened_at,
          resolvedAt: alert.resolved_at,
        })),
      },
    },
  };
}

function subjectLink(publicUrl: string, project: string, alert: AlertNotice) {
  switch (alert.subject_type) {
    case 'agent':
      return { label: 'Open the agent', url: `${publicUrl}${project}/agents/${alert.subject_id}` };
    case 'transfer':
      return { label: 'Open the transfer', url: `${publicUrl}${project}/transfers/${alert.subject_id}` };
    case 'job':
      return { label: 'Open the job', url: `${publicUrl}${project}/jobs/${alert.subject_id}` };
    default:
      return { label: 'Open alerts', url: `${publicUrl}${project}/alerts` };
  }
}

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
