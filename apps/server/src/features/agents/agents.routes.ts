import {
  AgentListQuerySchema,
  AgentListSchema,
  AgentSchema,
  type AgentStatus,
  IdSchema,
  UpdateAgentBodySchema,
} from '@tcpa/contracts';
import { z } from 'zod';
import { AppError, notFound } from '../../http/app-error.ts';
import { type TenantContext, tenantRoute } from '../../http/route.ts';
import { type AgentRow, deleteAgent, getAgentRow, listAgents, toAgent, updateAgent } from './agents.sql.ts';

const tags = ['agents'];
const ProjectParams = z.strictObject({ projectId: IdSchema });
const AgentParams = z.strictObject({ projectId: IdSchema, agentId: IdSchema });
type AgentContext = TenantContext<typeof AgentParams, z.ZodObject, z.ZodType>;

/** Which status changes an admin may make, and from where. */
const TRANSITIONS: Record<'approve' | 'reject' | 'revoke', { from: AgentStatus[]; to: AgentStatus }> = {
  approve: { from: ['pending'], to: 'active' },
  reject: { from: ['pending'], to: 'rejected' },
  revoke: { from: ['pending', 'active'], to: 'revoked' },
};

function publishAgentChange(ctx: AgentContext, row: AgentRow) {
  ctx.afterCommit(() =>
    ctx.deps.bus.publish({
      type: 'agent_changed',
      companyId: row.company_id,
      projectId: row.project_id,
      agent: toAgent(row),
    }),
  );
}

function statusRoute(action: keyof typeof TRANSITIONS, summary: string) {
  const transition = TRANSITIONS[action];
  return tenantRoute({
    method: 'post',
    path: `/api/v1/projects/:projectId/agents/:agentId/${action}`,
    summary,
    tags,
    access: { kind: 'project', permission: 'agents:write', param: 'projectId' },
    params: AgentParams,
    response: AgentSchema,
    async handler(ctx) {
      const current = await getAgentRow(ctx.tx, ctx.params.projectId, ctx.params.agentId);
      if (!current) throw notFound('Agent');
      if (!transition.from.includes(current.status)) {
        throw new AppError('conflict', `Cannot ${action} an agent that is ${current.status}`);
      }
      const row = await updateAgent(ctx.tx, ctx.params.projectId, ctx.params.agentId, { status: transition.to });
      if (!row) throw notFound('Agent');
      await ctx.audit({
        action: `agent.${action === 'approve' ? 'approved' : action === 'reject' ? 'rejected' : 'revoked'}`,
        targetType: 'agent',
        targetId: row.id,
        details: { name: row.name, from: current.status },
      });
      publishAgentChange(ctx as AgentContext, row);
      return toAgent(row);
    },
  });
}

export const agentRoutes = [
  tenantRoute({
    method: 'get',
    path: '/api/v1/projects/:projectId/agents',
    summary: "List a project's agents, filtered by status, online state or tag",
    tags,
    access: { kind: 'project', permission: 'agents:read', param: 'projectId' },
    params: ProjectParams,
    query: AgentListQuerySchema,
    response: AgentListSchema,
    async handler({ tx, params, query }) {
      const online = query.online === undefined ? undefined : query.online === 'true';
      const includeRevoked = query.includeRevoked === 'true';
      return {
        agents: await listAgents(tx, params.projectId, {
          status: query.status,
          online,
          tag: query.tag,
          includeRevoked,
        }),
      };
    },
  }),

  tenantRoute({
    method: 'get',
    path: '/api/v1/projects/:projectId/agents/:agentId',
    summary: 'Get an agent',
    tags,
    access: { kind: 'project', permission: 'agents:read', param: 'projectId' },
    params: AgentParams,
    response: AgentSchema,
    async handler({ tx, params }) {
      const row = await getAgentRow(tx, params.projectId, params.agentId);
      if (!row) throw notFound('Agent');
      return toAgent(row);
    },
  }),

  tenantRoute({
    method: 'patch',
    path: '/api/v1/projects/:projectId/agents/:agentId',
    summary: 'Rename an agent, set its tags, or set where other agents reach its data channel (dataHost)',
    tags,
    access: { kind: 'project', permission: 'agents:write', param: 'projectId' },
    params: AgentParams,
    body: UpdateAgentBodySchema,
    response: AgentSchema,
    async handler(ctx) {
      const tagsToSet = ctx.body.tags ? [...new Set(ctx.body.tags)] : undefined;
      const before = await getAgentRow(ctx.tx, ctx.params.projectId, ctx.params.agentId);
      if (!before) throw notFound('Agent');
      const row = await updateAgent(ctx.tx, ctx.params.projectId, ctx.params.agentId, {
        name: ctx.body.name,
        tags: tagsToSet,
        dataHost: ctx.body.dataHost,
      });
      if (!row) throw notFound('Agent');
      const details =
        ctx.body.dataHost === undefined ? ctx.body : { ...ctx.body, previousDataHost: before.data_host_override };
      await ctx.audit({ action: 'agent.updated', targetType: 'agent', targetId: row.id, details });
      publishAgentChange(ctx as AgentContext, row);
      return toAgent(row);
    },
  }),

  statusRoute('approve', 'Approve a pending agent: it starts sending telemetry'),
  statusRoute('reject', 'Reject a pending agent'),
  statusRoute('revoke', 'Revoke an agent: it is disconnected at once and cannot reconnect'),

  tenantRoute({
    method: 'delete',
    path: '/api/v1/projects/:projectId/agents/:agentId',
    summary: 'Delete a revoked (or rejected) agent: it leaves the fleet for good; its transfers keep their history',
    tags,
    access: { kind: 'project', permission: 'agents:write', param: 'projectId' },
    params: AgentParams,
    response: null,
    async handler(ctx) {
      const current = await getAgentRow(ctx.tx, ctx.params.projectId, ctx.params.agentId);
      if (!current) throw notFound('Agent');
      if (current.status === 'pending' || current.status === 'active') {
        throw new AppError(
          'conflict',
          `Agent "${current.name}" is ${current.status}: revoke it first (POST …/agents/${current.id}/revoke), then delete it`,
          { status: current.status },
        );
      }
      if (!(await deleteAgent(ctx.tx, ctx.params.projectId, ctx.params.agentId))) throw notFound('Agent');
      await ctx.audit({
        action: 'agent.deleted',
        targetType: 'agent',
        targetId: current.id,
        details: { name: current.name, status: current.status },
      });
      return undefined;
    },
  }),
];
