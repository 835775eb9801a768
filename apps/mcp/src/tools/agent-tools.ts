import { dataOf } from '@tcpa/api-client';
import {
  type Agent,
  AgentListSchema,
  AgentSchema,
  AgentStatusSchema,
  CreatedEnrolmentTokenSchema,
  CreateEnrolmentTokenBodySchema,
  IdSchema,
  TagSchema,
  TelemetryPointSchema,
  TimestampSchema,
} from '@tcpa/contracts';
import { z } from 'zod';
import { lastMinutes, readTelemetry, TelemetrySummarySchema } from '../reports/telemetry-summary.ts';
import { ConfirmField, requireConfirmation } from './confirm.ts';
import { formatAge, formatBytes, formatRate } from './format.ts';
import { defineTool } from './tool-kit.ts';

const ProjectId = IdSchema.describe('the project id (from list_projects)');
const AgentId = IdSchema.describe('the agent id (from list_agents)');

export function describeAgent(agent: Agent): string {
  const presence = agent.online ? 'online' : `offline, last seen ${formatAge(agent.lastSeenAt)}`;
  const tags = agent.tags.length > 0 ? ` tags ${agent.tags.join(', ')};` : '';
  return `${agent.name} (${agent.id}): ${agent.status}, ${presence};${tags} ${agent.hostname ?? 'unknown host'} ${agent.platform ?? ''} v${agent.version ?? '?'}`;
}

const listAgents = defineTool({
  name: 'list_agents',
  title: 'List agents',
  description:
    "Lists a project's agents with their status (pending, active, rejected, revoked), online state and tags.",
  scopes: ['agents:read'],
  input: z.strictObject({
    projectId: ProjectId,
    status: AgentStatusSchema.optional(),
    online: z.boolean().optional().describe('only online (true) or offline (false) agents'),
    tag: TagSchema.optional(),
  }),
  output: AgentListSchema,
  annotations: { readOnlyHint: true, idempotentHint: true },
  async run({ projectId, status, online, tag }, { api }) {
    const { agents } = await dataOf(
      api.GET('/api/v1/projects/{projectId}/agents', {
        params: {
          path: { projectId },
          query: { status, online: online === undefined ? undefined : online ? 'true' : 'false', tag },
        },
      }),
    );
    const lines = agents.map((agent) => `- ${describeAgent(agent)}`);
    return {
      structured: { agents },
      text: `${agents.length} agent(s)${lines.length ? `:\n${lines.join('\n')}` : '.'}`,
    };
  },
});

const getAgent = defineTool({
  name: 'get_agent',
  title: 'Get an agent',
  description: 'Gets one agent: status, tags, host, and its latest telemetry sample from the last 10 minutes.',
  scopes: ['agents:read'],
  input: z.strictObject({ projectId: ProjectId, agentId: AgentId }),
  output: z.strictObject({ agent: AgentSchema, lastTelemetry: TelemetryPointSchema.nullable() }),
  annotations: { readOnlyHint: true, idempotentHint: true },
  async run({ projectId, agentId }, { api }) {
    const agent = await dataOf(
      api.GET('/api/v1/projects/{projectId}/agents/{agentId}', { params: { path: { projectId, agentId } } }),
    );
    const series = await dataOf(
      api.GET('/api/v1/projects/{projectId}/agents/{agentId}/telemetry', {
        params: { path: { projectId, agentId }, query: { ...lastMinutes(10), resolution: 'raw' } },
      }),
    );
    const last = series.points.at(-1) ?? null;
    const telemetry = last
      ? `Last telemetry ${formatAge(last.ts)}: CPU ${last.cpuPct ?? '?'}%, memory used ${formatBytes(last.memUsedBytes)}, disk free ${formatBytes(last.diskFreeBytes)}, ${last.activeTransfers ?? 0} active transfer(s) at ${formatRate(last.throughputBps)}, RTT ${last.rttMs ?? '?'} ms, errors ${last.errors ?? 0}.`
      : 'No telemetry in the last 10 minutes.';
    return { structured: { agent, lastTelemetry: last }, text: `${describeAgent(agent)}\n${telemetry}` };
  },
});

const summarizeTelemetry = defineTool({
  name: 'summarize_agent_telemetry',
  title: "Summarise an agent's telemetry",
  description:
    "Summarises an agent's telemetry over a time range (default: the last hour): min/avg/max/last of CPU, memory, disk free, throughput, RTT and active transfers, the error count, and silences in the reporting.",
  scopes: ['agents:read'],
  input: z.strictObject({
    projectId: ProjectId,
    agentId: AgentId,
    from: TimestampSchema.optional().describe('start of the range (ISO 8601); default: to − 1 hour'),
    to: TimestampSchema.optional().describe('end of the range (ISO 8601); default: now'),
  }),
  output: TelemetrySummarySchema,
  annotations: { readOnlyHint: true, idempotentHint: true },
  async run({ projectId, agentId, from, to }, { api }) {
    const end = to ?? new Date().toISOString();
    const start = from ?? new Date(Date.parse(end) - 3_600_000).toISOString();
    const summary = await readTelemetry(api, projectId, agentId, { from: start, to: end });
    const line = (label: string, s: { min: number; avg: number; max: number } | null, show: (n: number) => string) =>
      s ? `- ${label}: avg ${show(s.avg)} (min ${show(s.min)}, max ${show(s.max)})` : `- ${label}: no data`;
    const text = [
      `Telemetry of agent ${agentId} from ${start} to ${end} (${summary.resolution}): ${summary.samples} sample(s), last ${formatAge(summary.lastSampleAt)}.`,
      line('CPU', summary.cpuPct, (n) => `${n}%`),
      line('memory used', summary.memUsedBytes, formatBytes),
      line('disk free', summary.diskFreeBytes, formatBytes),
      line('throughput', summary.throughputBps, formatRate),
      line('RTT', summary.rttMs, (n) => `${n} ms`),
      `- errors: ${summary.errors}; silences: ${summary.gaps.count} (longest ${summary.gaps.longestSeconds} s)`,
    ].join('\n');
    return { structured: summary, text };
  },
});

const createEnrolmentToken = defineTool({
  name: 'create_enrolment_token',
  title: 'Create an enrolment token',
  description:
    'Creates a token that lets new machines join a project as agents, and returns the one-line install command. Give `root`, the folder on the machine that transfers may read and write (an agent has none until given one); without it the command holds a placeholder to replace. The secret is shown only in this answer.',
  scopes: ['agents:write'],
  input: CreateEnrolmentTokenBodySchema.extend({ projectId: ProjectId }),
  output: CreatedEnrolmentTokenSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  async run({ projectId, ...body }, { api }) {
    const created = await dataOf(
      api.POST('/api/v1/projects/{projectId}/enrolment-tokens', { params: { path: { projectId } }, body }),
    );
    const { token } = created;
    const placeholder = body.root
      ? ''
      : '\nReplace /path/to/transfer-folder with the folder on that machine that transfers may use.';
    return {
      structured: created,
      text: `Enrolment token "${token.name}" created (${token.reusable ? 'reusable' : 'single use'}, ${token.preApproved ? 'agents start approved' : 'agents wait for approval'}, expires ${token.expiresAt}).\nOn the machine, run:\n${created.installCommand}${placeholder}`,
    };
  },
});

const approveAgent = defineTool({
  name: 'approve_agent',
  title: 'Approve an agent',
  description: 'Approves a pending agent so it starts reporting telemetry and can run transfers.',
  scopes: ['agents:write'],
  input: z.strictObject({ projectId: ProjectId, agentId: AgentId }),
  output: AgentSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false },
  async run({ projectId, agentId }, { api }) {
    const agent = await dataOf(
      api.POST('/api/v1/projects/{projectId}/agents/{agentId}/approve', { params: { path: { projectId, agentId } } }),
    );
    return { structured: agent, text: `Approved. ${describeAgent(agent)}` };
  },
});

const revokeAgent = defineTool({
  name: 'revoke_agent',
  title: 'Revoke an agent',
  description:
    'Revokes an agent: it is disconnected at once and can never reconnect (the machine must enrol again). Destructive: asks the person to confirm.',
  scopes: ['agents:write'],
  input: z.strictObject({ projectId: ProjectId, agentId: AgentId, confirm: ConfirmField }),
  output: AgentSchema,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false },
  async run({ projectId, agentId, confirm }, context) {
    const current = await dataOf(
      context.api.GET('/api/v1/projects/{projectId}/agents/{agentId}', { params: { path: { projectId, agentId } } }),
    );
    await requireConfirmation(
      context,
      confirm,
      `Revoke agent "${current.name}" (${current.hostname ?? 'unknown host'}, ${current.status})? It is disconnected and cannot reconnect.`,
    );
    const agent = await dataOf(
      context.api.POST('/api/v1/projects/{projectId}/agents/{agentId}/revoke', {
        params: { path: { projectId, agentId } },
      }),
    );
    return { structured: agent, text: `Revoked. ${describeAgent(agent)}` };
  },
});

export const agentTools = [listAgents, getAgent, summarizeTelemetry, createEnrolmentToken, approveAgent, revokeAgent];
