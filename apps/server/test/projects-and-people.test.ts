import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, type Person, setPlan, signUp } from './people.ts';
import { createTestServer, type TestServer } from './test-server.ts';

describe('projects, people and the audit log', () => {
  let server: TestServer;
  let owner: Person;

  beforeAll(async () => {
    server = await createTestServer();
    owner = await signUp(server, 'owner@people.test', 'People Co');
  });
  afterAll(() => server?.close());

  it('refuses a Free company its second project with 402 naming the limit and the upgrade', async () => {
    const first = await server.request('POST', '/api/v1/projects', { token: owner.token, body: { name: 'First' } });
    expect(first.status).toBe(201);
    const second = await server.request('POST', '/api/v1/projects', { token: owner.token, body: { name: 'Second' } });
    expect(second.status).toBe(402);
    expect(second.body.error).toMatchObject({
      code: 'plan_limit',
      message: 'Your Free plan allows at most 1 project. Upgrade to Starter for up to 3 projects.',
    });
    const usage = await server.request('GET', '/api/v1/subscription', { token: owner.token });
    expect(usage.body).toMatchObject({
      plan: { id: 'free', maxProjects: 1 },
      usage: { projects: 1, agents: 0, members: 1 },
    });
  });

  it('holds the limit under concurrent creation', async () => {
    await setPlan(server, owner.companyId, 'starter');
    const results = await Promise.all(
      ['c1', 'c2', 'c3', 'c4'].map((name) =>
        server.request('POST', '/api/v1/projects', { token: owner.token, body: { name } }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 402, 402]);
    const [row] = await server.sql<{ count: number }>(
      'select count(*)::int as count from projects where company_id = $1',
      [owner.companyId],
    );
    expect(row?.count).toBe(3);
  });

  it('creates, gets, renames and deletes projects', async () => {
    await setPlan(server, owner.companyId, 'professional');
    const created = await server.request('POST', '/api/v1/projects', {
      token: owner.token,
      body: { name: 'Edge sites', description: 'All edge agents' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await server.request('GET', `/api/v1/projects/${id}`, { token: owner.token })).body.name).toBe(
      'Edge sites',
    );
    const duplicate = await server.request('PATCH', `/api/v1/projects/${id}`, {
      token: owner.token,
      body: { name: 'First' },
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.message).toBe('A project named "First" already exists: pick another name');
    const renamed = await server.request('PATCH', `/api/v1/projects/${id}`, {
      token: owner.token,
      body: { name: 'Edge' },
    });
    expect(renamed.body).toMatchObject({ name: 'Edge', description: 'All edge agents' });
    expect((await server.request('DELETE', `/api/v1/projects/${id}`, { token: owner.token })).status).toBe(204);
    expect((await server.request('GET', `/api/v1/projects/${id}`, { token: owner.token })).status).toBe(404);
  });

  it('invites a new person, who sets a password and joins with the invited role', async () => {
    const invitation = await server.request('POST', '/api/v1/invitations', {
      token: owner.token,
      body: { email: 'New.Person@people.test', role: 'admin' },
    });
    expect(invitation.status).toBe(201);
    expect(invitation.body.link).toBe(`http://localhost:8080/invite?token=${invitation.body.token}`);
    const pending = await server.request('GET', '/api/v1/invitations', { token: owner.token });
    expect(pending.body.invitations[0]).toMatchObject({
      email: 'new.person@people.test',
      role: 'admin',
      acceptedAt: null,
    });
    expect(JSON.stringify(pending.body)).not.toContain(invitation.body.token);
    const preview = await server.request('POST', '/api/v1/invitations/preview', {
      body: { token: invitation.body.token },
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      email: 'new.person@people.test',
      companyName: 'People Co',
      role: 'admin',
    });

    const accepted = await server.request('POST', '/api/v1/invitations/accept', {
      body: { token: invitation.body.token, password: PASSWORD, name: 'New Person' },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.company).toMatchObject({ id: owner.companyId, role: 'admin' });
    const again = await server.request('POST', '/api/v1/invitations/accept', {
      body: { token: invitation.body.token, password: PASSWORD },
    });
    expect(again.status).toBe(409);
    const members = await server.request('GET', '/api/v1/members', { token: owner.token });
    expect(members.body.members.map((m: { email: string; role: string }) => `${m.email}:${m.role}`)).toEqual([
      'owner@people.test:owner',
      'new.person@people.test:admin',
    ]);
  });

  it('refuses revoked, unknown and duplicate invitations with clear messages', async () => {
    const invitation = await server.request('POST', '/api/v1/invitations', {
      token: owner.token,
      body: { email: 'withdrawn@people.test', role: 'member' },
    });
    await server.request('DELETE', `/api/v1/invitations/${invitation.body.invitation.id}`, { token: owner.token });
    const revoked = await server.request('POST', '/api/v1/invitations/accept', {
      body: { token: invitation.body.token, password: PASSWORD },
    });
    expect(revoked.status).toBe(404);
    expect(revoked.body.error.message).toMatch(/not valid: ask for a new one/);
    const revokedPreview = await server.request('POST', '/api/v1/invitations/preview', {
      body: { token: invitation.body.token },
    });
    expect(revokedPreview.status).toBe(404);
    expect(revokedPreview.body.error.message).toMatch(/not valid: ask for a new one/);
    const member = await server.request('POST', '/api/v1/invitations', {
      token: owner.token,
      body: { email: 'owner@people.test', role: 'member' },
    });
    expect(member.status).toBe(409);
  });

  it('changes roles and removes members, keeping one owner, and the removed lose access at once', async () => {
    const members = (await server.request('GET', '/api/v1/members', { token: owner.token })).body.members;
    const admin = members.find((m: { role: string }) => m.role === 'admin');
    const adminLogin = await server.request('POST', '/api/v1/auth/login', {
      body: { email: admin.email, password: PASSWORD },
    });
    expect(adminLogin.status).toBe(200);
    const demoted = await server.request('PATCH', `/api/v1/members/${admin.userId}`, {
      token: owner.token,
      body: { role: 'member' },
    });
    expect(demoted.status).toBe(200);
    const projects = await server.request('GET', '/api/v1/projects', { token: adminLogin.body.accessToken });
    expect(projects.body.projects).toEqual([]);
    const lastOwner = await server.request('DELETE', `/api/v1/members/${owner.userId}`, { token: owner.token });
    expect(lastOwner.status).toBe(409);
    expect(lastOwner.body.error.message).toMatch(/at least one owner/);
    expect((await server.request('DELETE', `/api/v1/members/${admin.userId}`, { token: owner.token })).status).toBe(
      204,
    );
    const me = await server.request('GET', '/api/v1/me', { token: adminLogin.body.accessToken });
    expect(me.status).toBe(401);
    const refresh = await server.request('POST', '/api/v1/auth/refresh', {
      body: { refreshToken: adminLogin.body.refreshToken },
    });
    expect(refresh.status).toBe(401);
  });

  it('writes every change to the audit log, with who, what and from where (Enterprise)', async () => {
    const refused = await server.request('GET', '/api/v1/audit-log', { token: owner.token });
    expect(refused.status).toBe(402);
    expect(refused.body.error.message).toMatch(/upgrade to Enterprise/);
    await setPlan(server, owner.companyId, 'enterprise');
    const log = await server.request('GET', '/api/v1/audit-log?limit=200', {
      token: owner.token,
      headers: { 'x-forwarded-for': '203.0.113.7', 'user-agent': 'audit-test' },
    });
    expect(log.status).toBe(200);
    const actions = log.body.entries.map((e: { action: string }) => e.action);
    for (const action of [
      'company.created',
      'project.created',
      'project.updated',
      'project.deleted',
      'invitation.created',
      'invitation.revoked',
      'member.joined',
      'member.role_changed',
      'member.removed',
      'auth.login',
    ]) {
      expect(actions).toContain(action);
    }
    const created = log.body.entries.find((e: { action: string }) => e.action === 'project.created');
    expect(created).toMatchObject({ actorUserId: owner.userId, targetType: 'project' });
    expect(created.requestId).toMatch(/\S+/);
    expect(created.ip).toBeTruthy();
    const page = await server.request('GET', '/api/v1/audit-log?limit=2', { token: owner.token });
    expect(page.body.entries).toHaveLength(2);
    const next = await server.request('GET', `/api/v1/audit-log?limit=2&before=${page.body.nextBefore}`, {
      token: owner.token,
    });
    expect(next.body.entries[0].id).toBeLessThan(page.body.entries[1].id);
  });
});
