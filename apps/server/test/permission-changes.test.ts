import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToProject, createApiKey, createProject, invite, type Person, setPlan, signUp } from './people.ts';
import { createTestServer, type TestServer } from './test-server.ts';

/**
 * Permissions are computed once per request from the tables, never cached across requests:
 * a change to a company role, a project role or a membership applies to the very next request
 * made with a token or API key issued before it.
 */
describe('permission changes apply on the very next request', () => {
  let server: TestServer;
  let owner: Person;
  let projectP: string;
  let projectQ: string;

  beforeAll(async () => {
    server = await createTestServer();
    owner = await signUp(server, 'owner@changes.test', 'Changes Co');
    await setPlan(server, owner.companyId, 'enterprise');
    projectP = await createProject(server, owner, 'P');
    projectQ = await createProject(server, owner, 'Q');
  });
  afterAll(() => server?.close());

  const rename = (token: string, projectId: string, name: string) =>
    server.request('PATCH', `/api/v1/projects/${projectId}`, { token, body: { name } });
  const projectNames = async (token: string) => {
    const response = await server.request('GET', '/api/v1/projects', { token });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body.projects.map((project: { name: string }) => project.name).sort();
  };
  const setCompanyRole = async (who: Person, role: string) => {
    const response = await server.request('PATCH', `/api/v1/members/${who.userId}`, {
      token: owner.token,
      body: { role },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
  };

  it('a project role downgrade, then removal from the project', async () => {
    const member = await invite(server, owner, 'member@changes.test', 'member');
    await addToProject(server, owner, projectP, member, 'admin');
    expect((await rename(member.token, projectP, 'P')).status).toBe(200);

    await addToProject(server, owner, projectP, member, 'viewer');
    expect((await rename(member.token, projectP, 'P')).status).toBe(403);
    expect(await projectNames(member.token)).toEqual(['P']);

    const removed = await server.request('DELETE', `/api/v1/projects/${projectP}/members/${member.userId}`, {
      token: owner.token,
    });
    expect(removed.status).toBe(204);
    expect((await server.request('GET', `/api/v1/projects/${projectP}`, { token: member.token })).status).toBe(404);
    expect(await projectNames(member.token)).toEqual([]);
  });

  it('a promotion as well as a downgrade of the company role', async () => {
    const person = await invite(server, owner, 'promoted@changes.test', 'member');
    expect(await projectNames(person.token)).toEqual([]);
    await setCompanyRole(person, 'admin');
    expect(await projectNames(person.token)).toEqual(['P', 'Q']);
    expect((await rename(person.token, projectQ, 'Q')).status).toBe(200);
    await setCompanyRole(person, 'member');
    expect(await projectNames(person.token)).toEqual([]);
    expect((await rename(person.token, projectQ, 'Q')).status).toBe(404);
  });

  it("an API key follows its creator's live company and project roles", async () => {
    const admin = await invite(server, owner, 'admin@changes.test', 'admin');
    const key = await createApiKey(server, admin, { name: 'ci', scopes: ['projects:read', 'projects:write'] });
    expect(await projectNames(key.secret)).toEqual(['P', 'Q']);
    expect((await rename(key.secret, projectQ, 'Q')).status).toBe(200);

    // Demoted to member, project admin of P only: the key keeps its scopes but not the role's reach.
    await addToProject(server, owner, projectP, admin, 'admin');
    await setCompanyRole(admin, 'member');
    expect(await projectNames(key.secret)).toEqual(['P']);
    expect((await rename(key.secret, projectQ, 'Q')).status).toBe(404);
    expect((await rename(key.secret, projectP, 'P')).status).toBe(200);

    await addToProject(server, owner, projectP, admin, 'viewer');
    expect((await rename(key.secret, projectP, 'P')).status).toBe(403);

    expect((await server.request('DELETE', `/api/v1/members/${admin.userId}`, { token: owner.token })).status).toBe(
      204,
    );
    expect((await server.request('GET', '/api/v1/projects', { token: key.secret })).status).toBe(401);
  });

  it("a removed member's unexpired access token stops working on the next request", async () => {
    const person = await invite(server, owner, 'leaver@changes.test', 'admin');
    expect(await projectNames(person.token)).toEqual(['P', 'Q']);
    expect((await server.request('DELETE', `/api/v1/members/${person.userId}`, { token: owner.token })).status).toBe(
      204,
    );
    for (const [method, path] of [
      ['GET', '/api/v1/projects'],
      ['PATCH', `/api/v1/projects/${projectP}`],
      ['GET', '/api/v1/members'],
    ] as const) {
      const body = method === 'PATCH' ? { name: 'P' } : undefined;
      expect((await server.request(method, path, { token: person.token, body })).status).toBe(401);
    }
  });
});
