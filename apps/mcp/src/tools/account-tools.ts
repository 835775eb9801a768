import { dataOf } from '@tcpa/api-client';
import {
  AuditActionSchema,
  AuditListSchema,
  ProjectListSchema,
  planFeatureName,
  SubscriptionSchema,
} from '@tcpa/contracts';
import { z } from 'zod';
import { defineTool } from './tool-kit.ts';

const listProjects = defineTool({
  name: 'list_projects',
  title: 'List projects',
  description: 'Lists the projects this API key can see; most other tools need a project id from here.',
  scopes: ['projects:read'],
  input: z.strictObject({}),
  output: ProjectListSchema,
  annotations: { readOnlyHint: true, idempotentHint: true },
  async run(_args, { api }) {
    const { projects } = await dataOf(api.GET('/api/v1/projects'));
    const lines = projects.map(
      (project) => `- ${project.name} (${project.id})${project.description ? `: ${project.description}` : ''}`,
    );
    return {
      structured: { projects },
      text: `${projects.length} project(s)${lines.length ? `:\n${lines.join('\n')}` : '.'}`,
    };
  },
});

const getSubscription = defineTool({
  name: 'get_plan_usage',
  title: 'Plan and usage',
  description:
    "Shows the company's plan, its limits (agents, projects, telemetry interval, retention, features) and current usage.",
  scopes: ['company:read'],
  input: z.strictObject({}),
  output: SubscriptionSchema,
  annotations: { readOnlyHint: true, idempotentHint: true },
  async run(_args, { api }) {
    const subscription = await dataOf(api.GET('/api/v1/subscription'));
    const { plan, usage } = subscription;
    const limit = (max: number | null) => (max === null ? 'unlimited' : String(max));
    return {
      structured: subscription,
      text: `Plan ${plan.name} (${subscription.status}): projects ${usage.projects} of ${limit(plan.maxProjects)}, agents ${usage.agents} of ${limit(plan.maxAgents)}, telemetry every ${plan.telemetryIntervalMs / 1000} s, kept ${plan.retentionDays} days; features: ${plan.features.map(planFeatureName).join(', ') || 'none'}; members ${usage.members}; ${subscription.managedBy === 'stripe' ? 'billed through Stripe' : "set by the server's operator"}.`,
    };
  },
});

const readAuditLog = defineTool({
  name: 'read_audit_log',
  title: 'Read the audit log',
  description:
    'Reads the audit log, newest first: who changed what, when and from where. Enterprise plan; page back with "before".',
  scopes: ['audit:read'],
  input: z.strictObject({
    limit: z.number().int().min(1).max(200).default(50),
    before: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('only entries older than this id (nextBefore of the previous page)'),
    action: AuditActionSchema.optional().describe('only this action, e.g. "transfer.created" or "agent.revoked"'),
  }),
  output: AuditListSchema,
  annotations: { readOnlyHint: true, idempotentHint: true },
  async run(query, { api }) {
    const page = await dataOf(api.GET('/api/v1/audit-log', { params: { query } }));
    const lines = page.entries.map(
      (entry) =>
        `- #${entry.id} ${entry.createdAt} ${entry.action} ${entry.targetType}${entry.targetId ? ` ${entry.targetId}` : ''} by ${entry.actorApiKeyId ? `API key ${entry.actorApiKeyId}` : `user ${entry.actorUserId ?? 'unknown'}`} from ${entry.ip ?? 'unknown'}`,
    );
    const more = page.nextBefore ? `\nMore: call again with before=${page.nextBefore}.` : '';
    return {
      structured: page,
      text: `${page.entries.length} entr${page.entries.length === 1 ? 'y' : 'ies'}:\n${lines.join('\n')}${more}`,
    };
  },
});

export const accountTools = [listProjects, getSubscription, readAuditLog];
