import { dataOf, type RequestBodyOf } from '@tcpa/api-client';
import type {
  CompanyRole,
  CreateApiKeyBody,
  CreateProjectBody,
  ProjectRole,
  SignupBody,
  TransferAction,
} from '@tcpa/contracts';
import type { ApiClient } from './api-client.ts';

type EnrolmentTokenBody = {
  name?: string;
  reusable: boolean;
  preApproved: boolean;
  tags: string[];
  expiresInHours: number;
  root: string;
};

/** Every endpoint the dashboard uses, typed from the server's OpenAPI document. */
export function createEndpoints({ api, publicApi }: ApiClient) {
  const project = (projectId: string) => ({ params: { path: { projectId } } });
  const agent = (projectId: string, agentId: string) => ({ params: { path: { projectId, agentId } } });
  return {
    signup: (body: SignupBody) => dataOf(publicApi.POST('/api/v1/auth/signup', { body })),
    login: (body: { email: string; password: string; companyId?: string }) =>
      dataOf(publicApi.POST('/api/v1/auth/login', { body })),
    /** Ends the session the cookie holds, and clears the cookie. */
    logout: () => dataOf(publicApi.POST('/api/v1/auth/logout', { body: {} })),
    switchCompany: (companyId: string) => dataOf(api.POST('/api/v1/auth/switch-company', { body: { companyId } })),
    me: () => dataOf(api.GET('/api/v1/me')),
    previewInvitation: (token: string) => dataOf(publicApi.POST('/api/v1/invitations/preview', { body: { token } })),
    acceptInvitation: (body: { token: string; password: string; name?: string }) =>
      dataOf(publicApi.POST('/api/v1/invitations/accept', { body })),
    joinInvitation: (token: string) => dataOf(api.POST('/api/v1/invitations/join', { body: { token } })),

    listProjects: () => dataOf(api.GET('/api/v1/projects')),
    createProject: (body: CreateProjectBody) => dataOf(api.POST('/api/v1/projects', { body })),
    renameProject: (projectId: string, name: string) =>
      dataOf(api.PATCH('/api/v1/projects/{projectId}', { ...project(projectId), body: { name } })),
    deleteProject: (projectId: string) => dataOf(api.DELETE('/api/v1/projects/{projectId}', project(projectId))),
    listProjectMembers: (projectId: string) =>
      dataOf(api.GET('/api/v1/projects/{projectId}/members', project(projectId))),
    setProjectMember: (projectId: string, userId: string, role: ProjectRole) =>
      dataOf(
        api.PUT('/api/v1/projects/{projectId}/members/{userId}', {
          params: { path: { projectId, userId } },
          body: { role },
        }),
      ),
    removeProjectMember: (projectId: string, userId: string) =>
      dataOf(api.DELETE('/api/v1/projects/{projectId}/members/{userId}', { params: { path: { projectId, userId } } })),

    listAgents: (projectId: string, options: { includeRevoked?: boolean } = {}) =>
      dataOf(
        api.GET('/api/v1/projects/{projectId}/agents', {
          params: { path: { projectId }, query: options.includeRevoked ? { includeRevoked: 'true' } : {} },
        }),
      ),
    deleteAgent: (projectId: string, agentId: string) =>
      dataOf(api.DELETE('/api/v1/projects/{projectId}/agents/{agentId}', agent(projectId, agentId))),
    getAgent: (projectId: string, agentId: string) =>
      dataOf(api.GET('/api/v1/projects/{projectId}/agents/{agentId}', agent(projectId, agentId))),
    setAgentStatus: (projectId: string, agentId: string, action: 'approve' | 'reject' | 'revoke') =>
      dataOf(api.POST(`/api/v1/projects/{projectId}/agents/{agentId}/${action}`, agent(projectId, agentId))),
    getTelemetry: (projectId: string, agentId: string, from: Date, to: Date) =>
      dataOf(
        api.GET('/api/v1/projects/{projectId}/agents/{agentId}/telemetry', {
          params: {
            path: { projectId, agentId },
            query: { from: from.toISOString(), to: to.toISOString(), resolution: 'auto' },
          },
        }),
      ),
    listEnrolmentTokens: (projectId: string) =>
      dataOf(api.GET('/api/v1/projects/{projectId}/enrolment-tokens', project(projectId))),
    createEnrolmentToken: (projectId: string, body: EnrolmentTokenBody) =>
      dataOf(api.POST('/api/v1/projects/{projectId}/enrolment-tokens', { ...project(projectId), body })),

    listTransfers: (projectId: string) =>
      dataOf(
        api.GET('/api/v1/projects/{projectId}/transfers', { params: { path: { projectId }, query: { limit: 200 } } }),
      ),
    getTransfer: (projectId: string, transferId: string) =>
      dataOf(
        api.GET('/api/v1/projects/{projectId}/transfers/{transferId}', { params: { path: { projectId, transferId } } }),
      ),
    createTransfer: (projectId: string, body: RequestBodyOf<'/api/v1/projects/{projectId}/transfers', 'post'>) =>
      dataOf(api.POST('/api/v1/projects/{projectId}/transfers', { ...project(projectId), body })),
    transferAction: (projectId: string, transferId: string, action: TransferAction) =>
      dataOf(
        api.POST(`/api/v1/projects/{projectId}/transfers/{transferId}/${action}`, {
          params: { path: { projectId, transferId } },
        }),
      ),

    listMembers: () => dataOf(api.GET('/api/v1/members')),
    changeMemberRole: (userId: string, role: CompanyRole) =>
      dataOf(api.PATCH('/api/v1/members/{userId}', { params: { path: { userId } }, body: { role } })),
    removeMember: (userId: string) => dataOf(api.DELETE('/api/v1/members/{userId}', { params: { path: { userId } } })),
    listInvitations: () => dataOf(api.GET('/api/v1/invitations')),
    invite: (email: string, role: CompanyRole) => dataOf(api.POST('/api/v1/invitations', { body: { email, role } })),
    revokeInvitation: (invitationId: string) =>
      dataOf(api.DELETE('/api/v1/invitations/{invitationId}', { params: { path: { invitationId } } })),

    listApiKeys: () => dataOf(api.GET('/api/v1/api-keys')),
    createApiKey: (body: CreateApiKeyBody) => dataOf(api.POST('/api/v1/api-keys', { body })),
    revokeApiKey: (apiKeyId: string) =>
      dataOf(api.DELETE('/api/v1/api-keys/{apiKeyId}', { params: { path: { apiKeyId } } })),

    subscription: () => dataOf(api.GET('/api/v1/subscription')),
    plans: () => dataOf(publicApi.GET('/api/v1/plans')),
    auditLog: (before?: number) =>
      dataOf(
        api.GET('/api/v1/audit-log', {
          params: { query: before === undefined ? { limit: 100 } : { limit: 100, before } },
        }),
      ),
  };
}

export type Endpoints = ReturnType<typeof createEndpoints>;
