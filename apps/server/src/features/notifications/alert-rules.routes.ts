import {
  AlertListQuerySchema,
  AlertListSchema,
  AlertRuleListSchema,
  AlertRuleSchema,
  AlertSchema,
  CreateAlertRuleBodySchema,
  IdSchema,
  UpdateAlertRuleBodySchema,
} from '@tcpa/contracts';
import { z } from 'zod';
import { notFound } from '../../http/app-error.ts';
import { tenantRoute } from '../../http/route.ts';
import { requireChannels, ruleParameters } from './alert-rule-checks.ts';
import {
  acknowledgeAlert,
  deleteAlertRule,
  getAlertRule,
  insertAlertRule,
  listAlertRules,
  listAlerts,
  setRuleChannels,
  updateAlertRule,
} from './alert-rules.sql.ts';

const tags = ['alerts'];
const ProjectParams = z.strictObject({ projectId: IdSchema });
const RuleParams = z.strictObject({ projectId: IdSchema, ruleId: IdSchema });
const AlertParams = z.strictObject({ projectId: IdSchema, alertId: IdSchema });
const read = { kind: 'project', permission: 'alerts:read', param: 'projectId' } as const;
const write = { kind: 'project', permission: 'alerts:write', param: 'projectId' } as const;

export const alertRoutes = [
  tenantRoute({
    method: 'get',
    path: '/api/v1/projects/:projectId/alert-rules',
    summary: "The project's alert rules",
    tags,
    access: read,
    params: ProjectParams,
    response: AlertRuleListSchema,
    async handler({ tx, params }) {
      return { rules: await listAlertRules(tx, params.projectId) };
    },
  }),

  tenantRoute({
    method: 'post',
    path: '/api/v1/projects/:projectId/alert-rules',
    summary:
      'Add an alert rule: a condition (transfer_failed, job_run_failed|skipped|missed, agent_offline for forMinutes, agent_pending, plan_usage at threshold %, disk_space_low under threshold % free, transfer_slow under threshold % of the path’s usual rate for forMinutes), a severity and channels',
    tags,
    access: write,
    params: ProjectParams,
    body: CreateAlertRuleBodySchema,
    response: AlertRuleSchema,
    status: 201,
    async handler({ tx, params, body, audit }) {
      const channelIds = await requireChannels(tx, body.channelIds);
      const parameters = ruleParameters(body.condition, body);
      const id = await insertAlertRule(tx, params.projectId, { ...body, ...parameters });
      await setRuleChannels(tx, { id, projectId: params.projectId }, channelIds);
      await audit({
        action: 'alert_rule.created',
        targetType: 'alert_rule',
        targetId: id,
        details: { name: body.name, condition: body.condition, ...parameters, channelIds },
      });
      return (await getAlertRule(tx, params.projectId, id)) ?? Promise.reject(notFound('Alert rule'));
    },
  }),

  tenantRoute({
    method: 'patch',
    path: '/api/v1/projects/:projectId/alert-rules/:ruleId',
    summary: 'Change an alert rule (its condition stays); `channelIds`, when given, replaces them',
    tags,
    access: write,
    params: RuleParams,
    body: UpdateAlertRuleBodySchema,
    response: AlertRuleSchema,
    async handler({ tx, params, body, audit }) {
      const current = await getAlertRule(tx, params.projectId, params.ruleId);
      if (!current) throw notFound('Alert rule');
      const channelIds = body.channelIds && (await requireChannels(tx, body.channelIds));
      const parameters = ruleParameters(current.condition, {
        threshold: body.threshold === undefined ? current.threshold : body.threshold,
        forMinutes: body.forMinutes === undefined ? current.forMinutes : body.forMinutes,
      });
      await updateAlertRule(tx, current.id, { ...body, ...parameters });
      if (channelIds) await setRuleChannels(tx, { id: current.id, projectId: params.projectId }, channelIds);
      await audit({ action: 'alert_rule.updated', targetType: 'alert_rule', targetId: current.id, details: body });
      return (await getAlertRule(tx, params.projectId, current.id)) ?? Promise.reject(notFound('Alert rule'));
    },
  }),

  tenantRoute({
    method: 'delete',
    path: '/api/v1/projects/:projectId/alert-rules/:ruleId',
    summary: 'Remove an alert rule; its open alerts are resolved without a message',
    tags,
    access: write,
    params: RuleParams,
    response: null,
    async handler({ tx, params, audit }) {
      if (!(await deleteAlertRule(tx, params.projectId, params.ruleId))) throw notFound('Alert rule');
      await audit({ action: 'alert_rule.deleted', targetType: 'alert_rule', targetId: params.ruleId });
      return undefined;
    },
  }),

  tenantRoute({
    method: 'get',
    path: '/api/v1/projects/:projectId/alerts',
    summary: "The project's alerts, open ones first, then the most recent",
    tags,
    access: read,
    params: ProjectParams,
    query: AlertListQuerySchema,
    response: AlertListSchema,
    async handler({ tx, params, query }) {
      return { alerts: await listAlerts(tx, params.projectId, query) };
    },
  }),

  tenantRoute({
    method: 'post',
    path: '/api/v1/projects/:projectId/alerts/:alertId/acknowledge',
    summary: 'Acknowledge an alert: someone is on it (it stays open until its condition clears)',
    tags,
    access: write,
    params: AlertParams,
    response: AlertSchema,
    async handler({ tx, params, audit }) {
      const alert = await acknowledgeAlert(tx, params.projectId, params.alertId);
      if (!alert) throw notFound('Alert');
      await audit({
        action: 'alert.acknowledged',
        targetType: 'alert',
        targetId: alert.id,
        details: { title: alert.title },
      });
      return alert;
    },
  }),
];
