import type { CompanyRole, ProjectRole } from '@tcpa/contracts';
import { expect } from 'vitest';
import type { TestServer } from './test-server.ts';

/** The in-process test server, or a live one on a port. */
type Server = Pick<TestServer, 'sql'> & {
  request(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown },
  ): Promise<{ status: number; body: any }>;
};

export const PASSWORD = 'correct horse battery staple';

export interface Person {
  userId: string;
  companyId: string;
  email: string;
  token: string;
  refreshToken: string;
}

export async function signUp(server: Server, email: string, companyName: string): Promise<Person> {
  const response = await server.request('POST', '/api/v1/auth/signup', {
    body: { email, password: PASSWORD, companyName },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return {
    userId: response.body.user.id,
    companyId: response.body.company.id,
    email,
    token: response.body.accessToken,
    refreshToken: response.body.refreshToken,
  };
}

export async function invite(server: Server, by: Person, email: string, role: CompanyRole): Promise<Person> {
  const created = await server.request('POST', '/api/v1/invitations', { token: by.token, body: { email, role } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const accepted = await server.request('POST', '/api/v1/invitations/accept', {
    body: { token: created.body.token, password: PASSWORD },
  });
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
  return {
    userId: accepted.body.user.id,
    companyId: accepted.body.company.id,
    email,
    token: accepted.body.accessToken,
    refreshToken: accepted.body.refreshToken,
  };
}

export async function setPlan(server: Server, companyId: string, planId: string) {
  await server.sql('update subscriptions set plan_id = $2 where company_id = $1', [companyId, planId]);
}

export async function createProject(server: Server, by: Person, name: string): Promise<string> {
  const response = await server.request('POST', '/api/v1/projects', { token: by.token, body: { name } });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id;
}

export async function addToProject(server: Server, by: Person, projectId: string, who: Person, role: ProjectRole) {
  const response = await server.request('PUT', `/api/v1/projects/${projectId}/members/${who.userId}`, {
    token: by.token,
    body: { role },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

export async function createApiKey(
  server: Server,
  by: Person,
  body: { name: string; scopes: string[]; projectIds?: string[]; expiresAt?: string },
): Promise<{ id: string; secret: string }> {
  const response = await server.request('POST', '/api/v1/api-keys', { token: by.token, body });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return { id: response.body.apiKey.id, secret: response.body.secret };
}
