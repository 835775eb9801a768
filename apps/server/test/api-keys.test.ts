import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToProject, createApiKey, createProject, invite, type Person, setPlan, signUp } from './people.ts';
import { createTestServer, type TestServer } from './test-server.ts';

describe('API keys', () => {
  let server: TestServer;
  let owner: Person;
  let projectP: string;
  let projectQ: string;

  beforeAll(async () => {
    server = await createTestServer();
    owner = await signUp(server, 'owner@keys.test', 'Keys Co');
  });
  afterAll(() => server?.close());

  it('are not part of the Free plan', async () => {
    const response = await server.request('POST', '/api/v1/api-keys', {
      token: owner.token,
      body: { name: 'ci', scopes: ['projects:read'] },
    });
    expect(response.status).toBe(402);
    expect(response.body.error).toMatchObject({ code: 'plan_limit' });
    expect(response.body.error.message).toMatch(/^The Free plan does not include API access: upgrade to Starter/);
  });

  it('show the secret once, store only a hash, and work as a bearer token', async () => {
    await setPlan(server, owner.companyId, 'starter');
    projectP = await createProject(server, owner, 'P');
    projectQ = await createProject(server, owner, 'Q');
    const { id, secret } = await createApiKey(server, owner, { name: 'reader', scopes: ['projects:read'] });
    expect(secret).toMatch(/^tcpa_[A-Za-z0-9]{8}_/);
    const listed = await server.request('GET', '/api/v1/api-keys', { token: owner.token });
    expect(JSON.stringify(listed.body)).not.toContain(secret.slice(14));
    expect(listed.body.apiKeys[0]).toMatchObject({ id, name: 'reader', prefix: secret.slice(0, 13) });
    const [stored] = await server.sql<{ secret_hash: string }>('select secret_hash from api_keys where id = $1', [id]);
    expect(stored?.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.secret_hash).not.toContain(secret);

    const projects = await server.request('GET', '/api/v1/projects', { token: secret });
    expect(projects.status).toBe(200);
    expect(projects.body.projects.map((p: { name: string }) => p.name)).toEqual(['P', 'Q']);
  });

  it('get 403 naming the missing scope', async () => {
    const { secret } = await createApiKey(server, owner, { name: 'reader', scopes: ['projects:read'] });
    const response = await server.request('POST', '/api/v1/projects', { token: secret, body: { name: 'R' } });
    expect(response.status).toBe(403);
    expect(response.body.error.message).toContain('"projects:create"');
    const count = await server.sql(`select 1 from projects where name = 'R'`);
    expect(count).toHaveLength(0);
  });

  it('limited to project P cannot see project Q', async () => {
    const { secret } = await createApiKey(server, owner, {
      name: 'only P',
      scopes: ['projects:read', 'projects:write'],
      projectIds: [projectP],
    });
    const list = await server.request('GET', '/api/v1/projects', { token: secret });
    expect(list.body.projects.map((p: { id: string }) => p.id)).toEqual([projectP]);
    expect((await server.request('GET', `/api/v1/projects/${projectQ}`, { token: secret })).status).toBe(404);
    const rename = await server.request('PATCH', `/api/v1/projects/${projectQ}`, {
      token: secret,
      body: { name: 'taken over' },
    });
    expect(rename.status).toBe(404);
    expect((await server.request('GET', `/api/v1/projects/${projectP}`, { token: secret })).status).toBe(200);
  });

  it('stop working on the very next request once revoked', async () => {
    const { id, secret } = await createApiKey(server, owner, { name: 'temp', scopes: ['projects:read'] });
    expect((await server.request('GET', '/api/v1/projects', { token: secret })).status).toBe(200);
    expect((await server.request('DELETE', `/api/v1/api-keys/${id}`, { token: owner.token })).status).toBe(204);
    const after = await server.request('GET', '/api/v1/projects', { token: secret });
    expect(after.status).toBe(401);
    expect(after.body.error.message).toMatch(/revoked/);
  });

  it('refuse a tampered secret with a valid prefix', async () => {
    const { secret } = await createApiKey(server, owner, { name: 'x', scopes: ['projects:read'] });
    const last = secret.at(-1) === 'A' ? 'B' : 'A';
    const tampered = `${secret.slice(0, -1)}${last}`;
    expect((await server.request('GET', '/api/v1/projects', { token: tampered })).status).toBe(401);
  });

  it("never exceed their creator's role", async () => {
    const member = await invite(server, owner, 'member@keys.test', 'member');
    await addToProject(server, owner, projectP, member, 'viewer');
    // A member cannot create keys at all (no api_keys:write)...
    const refused = await server.request('POST', '/api/v1/api-keys', {
      token: member.token,
      body: { name: 'mine', scopes: ['projects:read'] },
    });
    expect(refused.status).toBe(403);
    // ...and a key made by an admin who is later demoted loses what the role lost.
    const admin = await invite(server, owner, 'admin@keys.test', 'admin');
    const { secret } = await createApiKey(server, admin, {
      name: 'admin key',
      scopes: ['projects:read', 'members:read'],
    });
    expect((await server.request('GET', '/api/v1/projects', { token: secret })).body.projects).toHaveLength(2);
    await server.request('PATCH', `/api/v1/members/${admin.userId}`, { token: owner.token, body: { role: 'member' } });
    expect((await server.request('GET', '/api/v1/projects', { token: secret })).body.projects).toHaveLength(0);
    await server.request('DELETE', `/api/v1/members/${admin.userId}`, { token: owner.token });
    expect((await server.request('GET', '/api/v1/projects', { token: secret })).status).toBe(401);
  });

  it('cannot mint a key broader than themselves', async () => {
    const { secret } = await createApiKey(server, owner, {
      name: 'key maker',
      scopes: ['api_keys:write', 'projects:read'],
      projectIds: [projectP],
    });
    const broader = await server.request('POST', '/api/v1/api-keys', {
      token: secret,
      body: { name: 'escalated', scopes: ['projects:read', 'members:write'] },
    });
    expect(broader.status).toBe(403);
    expect(broader.body.error.message).toContain('members:write');
    const unlimited = await server.request('POST', '/api/v1/api-keys', {
      token: secret,
      body: { name: 'all projects', scopes: ['projects:read'] },
    });
    expect(unlimited.status).toBe(403);
    const narrower = await server.request('POST', '/api/v1/api-keys', {
      token: secret,
      body: { name: 'narrower', scopes: ['projects:read'], projectIds: [projectP] },
    });
    expect(narrower.status).toBe(201);
  });

  it('stop working when the company drops to a plan without API access', async () => {
    const { secret } = await createApiKey(server, owner, { name: 'plan', scopes: ['projects:read'] });
    await setPlan(server, owner.companyId, 'free');
    const response = await server.request('GET', '/api/v1/projects', { token: secret });
    expect(response.status).toBe(402);
    await setPlan(server, owner.companyId, 'starter');
  });
});
