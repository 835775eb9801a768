import { type Permission, PermissionSchema } from '@tcpa/contracts';
import type { Claims } from '@tcpa/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToProject, createApiKey, createProject, invite, type Person, setPlan, signUp } from './people.ts';
import { createTestServer, type TestServer } from './test-server.ts';

interface ListedProject {
  id: string;
  name: string;
  myPermissions: Permission[];
}

/** Each project's name and what the list says the caller may do in it. */
async function permissionsByProject(server: TestServer, token: string): Promise<Record<string, Permission[]>> {
  const response = await server.request<{ projects: ListedProject[] }>('GET', '/api/v1/projects', { token });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return Object.fromEntries(response.body.projects.map((project) => [project.name, project.myPermissions]));
}

describe('what the caller may do in each project', () => {
  let server: TestServer;
  let owner: Person;
  let admin: Person;
  let operator: Person;
  const projects: Record<string, string> = {};

  beforeAll(async () => {
    server = await createTestServer();
    owner = await signUp(server, 'owner@project-perms.test', 'Project Perms Co');
    await setPlan(server, owner.companyId, 'professional');
    for (const name of ['Edge', 'Lab', 'Vault']) projects[name] = await createProject(server, owner, name);
    admin = await invite(server, owner, 'admin@project-perms.test', 'admin');
    operator = await invite(server, owner, 'operator@project-perms.test', 'member');
    await addToProject(server, owner, projects.Edge as string, operator, 'operator');
    await addToProject(server, owner, projects.Lab as string, operator, 'viewer');
    // A project role on top of a company role that already holds all of it.
    await addToProject(server, owner, projects.Lab as string, admin, 'viewer');
  });
  afterAll(() => server?.close());

  it('gives a project operator that project’s permissions, a viewer’s in another, and nothing of a third', async () => {
    const seen = await permissionsByProject(server, operator.token);
    expect(Object.keys(seen)).toEqual(['Edge', 'Lab']);
    expect(seen.Edge).toEqual(
      expect.arrayContaining(['alerts:read', 'alerts:write', 'jobs:read', 'jobs:write', 'agents:write']),
    );
    expect(seen.Lab).toEqual(expect.arrayContaining(['alerts:read', 'jobs:read', 'agents:read']));
    for (const write of ['alerts:write', 'jobs:write', 'agents:write', 'transfers:write']) {
      expect(seen.Lab).not.toContain(write);
    }
    // The company role's permissions hold in every project too.
    expect(seen.Edge).toEqual(expect.arrayContaining(['company:read', 'members:read']));

    const me = await server.request('GET', '/api/v1/me', { token: operator.token });
    expect(me.body.permissions).not.toContain('alerts:read');
    const one = await server.request('GET', `/api/v1/projects/${projects.Edge}`, { token: operator.token });
    expect(one.body.myPermissions).toEqual(seen.Edge);
  });

  it('agrees with what the API lets the operator do', async () => {
    const rule = (projectId: string) =>
      server.request('POST', `/api/v1/projects/${projectId}/alert-rules`, {
        token: operator.token,
        body: { name: 'Offline', condition: 'agent_offline', forMinutes: 5, channelIds: [] },
      });
    expect((await rule(projects.Edge as string)).status).toBe(201);
    expect((await rule(projects.Lab as string)).status).toBe(403);
    expect((await rule(projects.Vault as string)).status).toBe(404);
  });

  it('matches the policies’ own answer for every permission, with and without a key', async () => {
    const key = await createApiKey(server, admin, {
      name: 'edge jobs',
      scopes: ['projects:read', 'jobs:read', 'alerts:read'],
      projectIds: [projects.Edge as string],
    });
    const callers: Claims[] = [
      { sub: owner.userId, company_id: owner.companyId },
      { sub: operator.userId, company_id: operator.companyId },
      { sub: admin.userId, company_id: admin.companyId, api_key_id: key.id },
    ];
    for (const claims of callers) {
      const rows = await server.testDatabase.database.withClaims(claims, (tx) =>
        tx.query<{ id: string; listed: string[]; granted: string[] }>(
          `select p.id, coalesce(mine.by_project -> p.id::text, mine.all_projects) as listed,
                  array(select permission from unnest($1::text[]) as permission
                        where p.id = any(app.project_ids_with(permission)) order by 1) as granted
           from projects p cross join app.my_project_permissions() mine`,
          [PermissionSchema.options],
        ),
      );
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row.listed, JSON.stringify(claims)).toEqual(row.granted);
    }
  });

  it('narrows a key limited to one project to that project and the key’s scopes', async () => {
    const key = await createApiKey(server, admin, {
      name: 'edge alerts',
      scopes: ['projects:read', 'alerts:read'],
      projectIds: [projects.Edge as string],
    });
    expect(await permissionsByProject(server, key.secret)).toEqual({ Edge: ['alerts:read', 'projects:read'] });
    const asAdmin = await permissionsByProject(server, admin.token);
    expect(Object.keys(asAdmin)).toEqual(['Edge', 'Lab', 'Vault']);
    expect(asAdmin.Lab).toEqual(asAdmin.Vault);
  });
});
