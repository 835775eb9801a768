import {
  AgentListSchema,
  AgentSchema,
  ApiKeyListSchema,
  AuditListSchema,
  type CompanyRole,
  type CreateApiKeyBody,
  CreatedApiKeySchema,
  CreatedEnrolmentTokenSchema,
  CreatedInvitationSchema,
  type CreateProjectBody,
  type CreateTransferBodySchema,
  EnrolmentTokenListSchema,
  InvitationListSchema,
  InvitationPreviewSchema,
  MemberListSchema,
  MeSchema,
  PlanListSchema,
  ProjectListSchema,
  ProjectMemberListSchema,
  type ProjectRole,
  ProjectSchema,
  SessionSchema,
  type SignupBody,
  SubscriptionSchema,
  TelemetrySeriesSchema,
  type TransferAction,
  TransferDetailSchema,
  TransferListSchema,
  TransferSchema,
} from '@tcpa/contracts';
import type { z } from 'zod';
import type { ApiClient } from './api-client.ts';

/** Every endpoint the dashboard uses, typed by the contracts' schemas. */
export function createEndpoints(client: ApiClient) {
  const projectPath = (projectId: string) => `/api/v1/projects/${projectId}`;
  return {
    signup: (body: SignupBody) =>
      client.request('POST', '/api/v1/auth/signup', { body, schema: SessionSchema, anonymous: true }),
    login: (body: { email: string; password: string; companyId?: string }) =>
      client.request('POST', '/api/v1/auth/login', { body, schema: SessionSchema, anonymous: true }),
    /** Ends the session the cookie holds, and clears the cookie. */
    logout: () => client.request('POST', '/api/v1/auth/logout', { body: {}, schema: null, anonymous: true }),
    switchCompany: (companyId: string) =>
      client.request('POST', '/api/v1/auth/switch-company', { body: { companyId }, schema: SessionSchema }),
    me: () => client.request('GET', '/api/v1/me', { schema: MeSchema }),
    previewInvitation: (token: string) =>
      client.request('POST', '/api/v1/invitations/preview', {
        body: { token },
        schema: InvitationPreviewSchema,
        anonymous: true,
      }),
    acceptInvitation: (body: { token: string; password: string; name?: string }) =>
      client.request('POST', '/api/v1/invitations/accept', { body, schema: SessionSchema, anonymous: true }),
    joinInvitation: (token: string) =>
      client.request('POST', '/api/v1/invitations/join', { body: { token }, schema: SessionSchema }),

    listProjects: () => client.request('GET', '/api/v1/projects', { schema: ProjectListSchema }),
    createProject: (body: CreateProjectBody) =>
      client.request('POST', '/api/v1/projects', { body, schema: ProjectSchema }),
    renameProject: (projectId: string, name: string) =>
      client.request('PATCH', projectPath(projectId), { body: { name }, schema: ProjectSchema }),
    deleteProject: (projectId: string) => client.request('DELETE', projectPath(projectId), { schema: null }),
    listProjectMembers: (projectId: string) =>
      client.request('GET', `${projectPath(projectId)}/members`, { schema: ProjectMemberListSchema }),
    setProjectMember: (projectId: string, userId: string, role: ProjectRole) =>
      client.request('PUT', `${projectPath(projectId)}/members/${userId}`, {
        body: { role },
        schema: ProjectMemberListSchema,
      }),
    removeProjectMember: (projectId: string, userId: string) =>
      client.request('DELETE', `${projectPath(projectId)}/members/${userId}`, { schema: null }),

    listAgents: (projectId: string, options: { includeRevoked?: boolean } = {}) =>
      client.request('GET', `${projectPath(projectId)}/agents`, {
        ...(options.includeRevoked ? { query: { includeRevoked: 'true' } } : {}),
        schema: AgentListSchema,
      }),
    deleteAgent: (projectId: string, agentId: string) =>
      client.request('DELETE', `${projectPath(projectId)}/agents/${agentId}`, { schema: null }),
    getAgent: (projectId: string, agentId: string) =>
      client.request('GET', `${projectPath(projectId)}/agents/${agentId}`, { schema: AgentSchema }),
    setAgentStatus: (projectId: string, agentId: string, action: 'approve' | 'reject' | 'revoke') =>
      client.request('POST', `${projectPath(projectId)}/agents/${agentId}/${action}`, { schema: AgentSchema }),
    getTelemetry: (projectId: string, agentId: string, from: Date, to: Date) =>
      client.request('GET', `${projectPath(projectId)}/agents/${agentId}/telemetry`, {
        query: { from: from.toISOString(), to: to.toISOString(), resolution: 'auto' },
        schema: TelemetrySeriesSchema,
      }),
    listEnrolmentTokens: (projectId: string) =>
      client.request('GET', `${projectPath(projectId)}/enrolment-tokens`, { schema: EnrolmentTokenListSchema }),
    createEnrolmentToken: (
      projectId: string,
      body: {
        name?: string;
        reusable: boolean;
        preApproved: boolean;
        tags: string[];
        expiresInHours: number;
        root: string;
      },
    ) =>
      client.request('POST', `${projectPath(projectId)}/enrolment-tokens`, {
        body,
        schema: CreatedEnrolmentTokenSchema,
      }),

    listTransfers: (projectId: string) =>
      client.request('GET', `${projectPath(projectId)}/transfers`, {
        query: { limit: 200 },
        schema: TransferListSchema,
      }),
    getTransfer: (projectId: string, transferId: string) =>
      client.request('GET', `${projectPath(projectId)}/transfers/${transferId}`, { schema: TransferDetailSchema }),
    createTransfer: (projectId: string, body: z.input<typeof CreateTransferBodySchema>) =>
      client.request('POST', `${projectPath(projectId)}/transfers`, { body, schema: TransferSchema }),
    transferAction: (projectId: string, transferId: string, action: TransferAction) =>
      client.request('POST', `${projectPath(projectId)}/transfers/${transferId}/${action}`, { schema: TransferSchema }),

    listMembers: () => client.request('GET', '/api/v1/members', { schema: MemberListSchema }),
    changeMemberRole: (userId: string, role: CompanyRole) =>
      client.request('PATCH', `/api/v1/members/${userId}`, { body: { role }, schema: MemberListSchema }),
    removeMember: (userId: string) => client.request('DELETE', `/api/v1/members/${userId}`, { schema: null }),
    listInvitations: () => client.request('GET', '/api/v1/invitations', { schema: InvitationListSchema }),
    invite: (email: string, role: CompanyRole) =>
      client.request('POST', '/api/v1/invitations', { body: { email, role }, schema: CreatedInvitationSchema }),
    revokeInvitation: (invitationId: string) =>
      client.request('DELETE', `/api/v1/invitations/${invitationId}`, { schema: null }),

    listApiKeys: () => client.request('GET', '/api/v1/api-keys', { schema: ApiKeyListSchema }),
    createApiKey: (body: CreateApiKeyBody) =>
      client.request('POST', '/api/v1/api-keys', { body, schema: CreatedApiKeySchema }),
    revokeApiKey: (apiKeyId: string) => client.request('DELETE', `/api/v1/api-keys/${apiKeyId}`, { schema: null }),

    subscription: () => client.request('GET', '/api/v1/subscription', { schema: SubscriptionSchema }),
    plans: () => client.request('GET', '/api/v1/plans', { schema: PlanListSchema, anonymous: true }),
    auditLog: (before?: number) =>
      client.request('GET', '/api/v1/audit-log', { query: { limit: 100, before }, schema: AuditListSchema }),
  };
}

export type Endpoints = ReturnType<typeof createEndpoints>;
