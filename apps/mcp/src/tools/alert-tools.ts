import { dataOf } from '@tcpa/api-client';
import { type Alert, AlertListSchema, AlertSchema, IdSchema } from '@tcpa/contracts';
import { z } from 'zod';
import { type AnyToolSpec, defineTool } from './tool-kit.ts';

const ProjectId = IdSchema.describe('the project id (from list_projects)');

/** One alert in words: severity, what, since when, and whether someone is on it. */
export function describeAlert(alert: Alert): string {
  const acknowledged = alert.acknowledgedAt ? `; acknowledged ${alert.acknowledgedAt}` : '; not acknowledged';
  const state = alert.state === 'open' ? `open since ${alert.openedAt}` : `resolved ${alert.resolvedAt}`;
  return `[${alert.severity}] ${alert.title} (${alert.subjectType} "${alert.subjectName}", rule "${alert.ruleName}"; ${state}${acknowledged}; alert ${alert.id})`;
}

const listOpenAlerts = defineTool({
  name: 'list_open_alerts',
  title: 'List open alerts',
  description:
    "Lists a project's open alerts (a transfer or job that failed, an agent offline, plan usage near a limit…), most recent first, with their severity and whether someone acknowledged them.",
  scopes: ['alerts:read'],
  input: z.strictObject({ projectId: ProjectId, limit: z.number().int().min(1).max(500).default(50) }),
  output: AlertListSchema,
  annotations: { readOnlyHint: true, idempotentHint: true },
  async run({ projectId, limit }, { api }) {
    const { alerts } = await dataOf(
      api.GET('/api/v1/projects/{projectId}/alerts', {
        params: { path: { projectId }, query: { state: 'open', limit } },
      }),
    );
    const lines = alerts.map((alert) => `- ${describeAlert(alert)}`);
    return {
      structured: { alerts },
      text: alerts.length === 0 ? 'No open alerts.' : `${alerts.length} open alert(s):\n${lines.join('\n')}`,
    };
  },
});

const acknowledgeAlert = defineTool({
  name: 'acknowledge_alert',
  title: 'Acknowledge an alert',
  description:
    'Marks an open alert as acknowledged (someone is on it). It stays open until its condition clears; acknowledging twice changes nothing.',
  scopes: ['alerts:write'],
  input: z.strictObject({ projectId: ProjectId, alertId: IdSchema.describe('the alert id (from list_open_alerts)') }),
  output: AlertSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
  async run({ projectId, alertId }, { api }) {
    const alert = await dataOf(
      api.POST('/api/v1/projects/{projectId}/alerts/{alertId}/acknowledge', {
        params: { path: { projectId, alertId } },
      }),
    );
    return { structured: alert, text: `Acknowledged. ${describeAlert(alert)}` };
  },
});

export const alertTools: AnyToolSpec[] = [listOpenAlerts, acknowledgeAlert];
