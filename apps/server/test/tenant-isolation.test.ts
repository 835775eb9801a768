import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToProject, createApiKey, createProject, invite, type Person, setPlan, signUp } from './people.ts';
import { createTestServer, type TestServer } from './test-server.ts';

/**
 * Two companies, each with owners, admins, members and project roles. For every endpoint and
 * every kind of caller in company A, nothing of company B can be read, changed or deleted; and
 * inside A, project roles hold.
 */
describe('tenant isolation', () => {
  let server: TestServer;
  const a = {} as Record<'owner' | 'admin' | 'viewer' | 'operator' | 'projectAdmin' | 'outsider' | 'billing', Person>;
  const b = {} as Record<'owner' | 'member', Person>;
  let projectA1: string;
  let projectA2: string;
  let projectB: string;
  let invitationB: string;
  let apiKeyB: string;
  let apiKeyA: string;
  let secretsOfB: string[];

  beforeAll(async () => {
    server = await createTestServer();
    a.owner = await signUp(server, 'owner@a.test', 'Company A');
    b.owner = await signUp(server, 'owner@b.test', 'Company B');
    await setPlan(server, a.owner.companyId, 'enterprise');
    await setPlan(server, b.owner.companyId, 'enterprise');
    a.admin = await invite(server, a.owner, 'admin@a.test', 'admin');
    a.viewer = await invite(server, a.owner, 'viewer@a.test', 'member');
    a.operator = await invite(server, a.owner, 'operator@a.test', 'member');
    a.projectAdmin = await invite(server, a.owner, 'padmin@a.test', 'member');
    a.outsider = await invite(server, a.owner, 'outsider@a.test', 'member');
    a.billing = await invite(server, a.owner, 'billing@a.test', 'billing');
    b.member = await invite(server, b.owner, 'member@b.test', 'member');
    projectA1 = await createProject(server, a.owner, 'A1');
    projectA2 = await createProject(server, a.owner, 'A2');
    projectB = await createProject(server, b.owner, 'B1');
    await addToProject(server, a.owner, projectA1, a.viewer, 'viewer');
    await addToProject(server, a.owner, projectA1, a.operator, 'operator');
    await addToProject(server, a.owner, projectA1, a.projectAdmin, 'admin');
    await addToProject(server, b.owner, projectB, b.member, 'viewer');
    const pendingB = await server.request('POST', '/api/v1/invitations', {
      token: b.owner.token,
      body: { email: 'pending@b.test', role: 'member' },
    });
    invitationB = pendingB.body.invitation.id;
    const keyB = await createApiKey(server, b.owner, { name: 'b key', scopes: ['projects:read'] });
    apiKeyB = keyB.id;
    const scopes = ['projects:read', 'projects:write', 'projects:delete', 'project_members:write', 'members:read'];
    apiKeyA = (
      await createApiKey(server, a.owner, {
        name: 'a key',
        scopes: [...scopes, 'members:write', 'api_keys:read', 'api_keys:write', 'audit:read'],
      })
    ).secret;
    secretsOfB = [
      b.owner.companyId,
      b.owner.userId,
      b.member.userId,
      projectB,
      invitationB,
      apiKeyB,
      'owner@b.test',
      'member@b.test',
      'pending@b.test',
      'Company B',
    ];
  });
  afterAll(() => server?.close());

  async function snapshotOfB() {
    return JSON.stringify(
      await server.sql(
        `select
           (select json_agg(p order by p.id) from projects p where company_id = $1) as projects,
           (select json_agg(m order by m.user_id) from company_memberships m where company_id = $1) as members,
           (select json_agg(pm order by pm.user_id) from project_members pm where company_id = $1) as project_members,
           (select json_agg(i order by i.id) from invitations i where company_id = $1) as invitations,
           (select json_agg(k order by k.id) from api_keys k where company_id = $1) as api_keys,
           (select json_agg(c) from companies c where id = $1) as company,
           (select count(*) from audit_log where company_id = $1) as audit_entries`,
        [b.owner.companyId],
      ),
    );
  }

  const callersOfA = () => ({
    owner: a.owner.token,
    admin: a.admin.token,
    viewer: a.viewer.token,
    outsider: a.outsider.token,
    'api key': apiKeyA,
  });

  it('cannot read, change or delete anything of company B, whoever calls', async () => {
    const before = await snapshotOfB();
    const attacks: Array<[string, string, unknown?]> = [
      ['GET', `/api/v1/projects/${projectB}`],
      ['PATCH', `/api/v1/projects/${projectB}`, { name: 'pwned' }],
      ['DELETE', `/api/v1/projects/${projectB}`],
      ['GET', `/api/v1/projects/${projectB}/members`],
      ['PUT', `/api/v1/projects/${projectB}/members/${b.member.userId}`, { role: 'admin' }],
      ['PUT', `/api/v1/projects/${projectB}/members/${a.owner.userId}`, { role: 'admin' }],
      ['DELETE', `/api/v1/projects/${projectB}/members/${b.member.userId}`],
      ['PUT', `/api/v1/projects/${projectA1}/members/${b.member.userId}`, { role: 'viewer' }],
      ['PATCH', `/api/v1/members/${b.member.userId}`, { role: 'admin' }],
      ['PATCH', `/api/v1/members/${b.owner.userId}`, { role: 'member' }],
      ['DELETE', `/api/v1/members/${b.member.userId}`],
      ['DELETE', `/api/v1/members/${b.owner.userId}`],
      ['DELETE', `/api/v1/invitations/${invitationB}`],
      ['POST', '/api/v1/invitations/join', { token: 'tcpi_not_an_invitation_of_b' }],
      ['DELETE', `/api/v1/api-keys/${apiKeyB}`],
      ['POST', '/api/v1/auth/switch-company', { companyId: b.owner.companyId }],
    ];
    const outcomes: string[] = [];
    for (const [who, token] of Object.entries(callersOfA())) {
      for (const [method, path, body] of attacks) {
        const response = await server.request(method, path, { token, body });
        if (![403, 404].includes(response.status)) outcomes.push(`${who} ${method} ${path} → ${response.status}`);
        expect(JSON.stringify(response.body ?? '')).not.toContain('Company B');
      }
    }
    expect(outcomes).toEqual([]);
    expect(await snapshotOfB()).toBe(before);
  });

  it('lists nothing of company B on any listing endpoint', async () => {
    const listings = [
      '/api/v1/projects',
      '/api/v1/members',
      '/api/v1/invitations',
      '/api/v1/api-keys',
      '/api/v1/audit-log',
      '/api/v1/me',
      '/api/v1/subscription',
      `/api/v1/projects/${projectA1}/members`,
    ];
    let successes = 0;
    for (const [who, token] of Object.entries(callersOfA())) {
      for (const path of listings) {
        const response = await server.request('GET', path, { token });
        expect(response.status, `${who} ${path}`).toBeLessThan(500);
        if (response.status === 200) successes++;
        const text = JSON.stringify(response.body);
        for (const secret of secretsOfB) expect(text, `${who} GET ${path}`).not.toContain(secret);
      }
    }
    expect(successes).toBeGreaterThan(20);
  });

  it('renaming "the company" renames only the caller\'s own', async () => {
    const response = await server.request('PATCH', '/api/v1/company', {
      token: a.owner.token,
      body: { name: 'A renamed' },
    });
    expect(response.status).toBe(200);
    const [companyB] = await server.sql<{ name: string }>('select name from companies where id = $1', [
      b.owner.companyId,
    ]);
    expect(companyB?.name).toBe('Company B');
  });

  it('inside a company, project roles hold', async () => {
    const cases: Array<[keyof typeof a, string, string, unknown, number]> = [
      ['viewer', 'GET', `/api/v1/projects/${projectA1}`, undefined, 200],
      ['viewer', 'PATCH', `/api/v1/projects/${projectA1}`, { name: 'viewer wrote' }, 403],
      ['viewer', 'DELETE', `/api/v1/projects/${projectA1}`, undefined, 403],
      ['viewer', 'PUT', `/api/v1/projects/${projectA1}/members/${a.outsider.userId}`, { role: 'viewer' }, 403],
      ['viewer', 'GET', `/api/v1/projects/${projectA2}`, undefined, 404],
      ['viewer', 'POST', '/api/v1/projects', { name: 'viewer project' }, 403],
      ['viewer', 'POST', '/api/v1/invitations', { email: 'x@a.test', role: 'admin' }, 403],
      ['viewer', 'GET', '/api/v1/api-keys', undefined, 403],
      ['viewer', 'GET', '/api/v1/audit-log', undefined, 403],
      ['viewer', 'GET', '/api/v1/members', undefined, 200],
      ['outsider', 'GET', `/api/v1/projects/${projectA1}`, undefined, 404],
      ['outsider', 'GET', `/api/v1/projects/${projectA1}/members`, undefined, 404],
      ['operator', 'GET', `/api/v1/projects/${projectA1}`, undefined, 200],
      ['operator', 'PATCH', `/api/v1/projects/${projectA1}`, { name: 'operator wrote' }, 403],
      ['projectAdmin', 'PATCH', `/api/v1/projects/${projectA1}`, { description: 'set by project admin' }, 200],
      ['projectAdmin', 'DELETE', `/api/v1/projects/${projectA1}`, undefined, 403],
      ['projectAdmin', 'GET', `/api/v1/projects/${projectA2}`, undefined, 404],
      ['projectAdmin', 'PUT', `/api/v1/projects/${projectA1}/members/${a.outsider.userId}`, { role: 'viewer' }, 200],
      ['projectAdmin', 'DELETE', `/api/v1/projects/${projectA1}/members/${a.outsider.userId}`, undefined, 204],
      ['billing', 'GET', '/api/v1/subscription', undefined, 200],
      ['billing', 'POST', '/api/v1/projects', { name: 'billing project' }, 403],
      ['admin', 'GET', `/api/v1/projects/${projectA2}`, undefined, 200],
      ['admin', 'POST', '/api/v1/invitations', { email: 'new-owner@a.test', role: 'owner' }, 403],
      ['admin', 'PATCH', `/api/v1/members/${a.owner.userId}`, { role: 'member' }, 403],
      ['admin', 'DELETE', `/api/v1/members/${a.owner.userId}`, undefined, 403],
      ['owner', 'PATCH', `/api/v1/members/${a.owner.userId}`, { role: 'admin' }, 409],
    ];
    const wrong: string[] = [];
    for (const [who, method, path, body, expected] of cases) {
      const response = await server.request(method, path, { token: a[who].token, body });
      if (response.status !== expected) {
        wrong.push(
          `${who} ${method} ${path}: ${response.status} ${JSON.stringify(response.body)} (wanted ${expected})`,
        );
      }
    }
    expect(wrong).toEqual([]);
    const listed = await server.request('GET', '/api/v1/projects', { token: a.viewer.token });
    expect(listed.body.projects.map((p: { name: string }) => p.name)).toEqual(['A1']);
    expect((await server.request('GET', '/api/v1/projects', { token: a.outsider.token })).body.projects).toEqual([]);
    const [project] = await server.sql<{ name: string }>('select name from projects where id = $1', [projectA1]);
    expect(project?.name).toBe('A1');
  });
});
