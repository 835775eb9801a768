import { CompanyRoleSchema, PermissionSchema, ProjectRoleSchema } from '@tcpa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteDefinition } from '../src/http/route.ts';
import { allRoutes } from '../src/routes.ts';
import { createCompanyRecords, VALID_VALUES } from './company-records.ts';
import { addToProject, createApiKey, createProject, invite, PASSWORD, type Person, setPlan, signUp } from './people.ts';
import { inputsOf, type KnownValue, type Leaf, pathOf, setAt } from './route-inputs.ts';
import { createTestServer, type TestServer } from './test-server.ts';

/**
 * Two companies. Every route that takes an id (in its path, or an `…Id`/`…Ids` field in its
 * query or body: read from the route table) is called by every kind of caller in company A
 * (each company role, each project role, an API key) with company B's real ids, alone and mixed
 * with A's own: each call is refused and B's rows stay as they were. Inside A, project roles hold.
 */
const RECORDS_FILE = 'apps/server/test/company-records.ts';
const isIdName = (field: string) => /(^id|Id)s?$/.test(field);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A record's id: named so and a UUID (an S3 `accessKeyId` is named so, but is a credential's name, not a record). */
const isIdField = (leaf: Leaf) => leaf.where === 'path' || (isIdName(fieldOf(leaf)) && UUID.test(String(leaf.valid)));
const fieldOf = (leaf: Leaf) => String(leaf.path.findLast((part) => typeof part === 'string'));
const nameOf = (route: RouteDefinition) => `${route.method.toUpperCase()} ${route.path}`;
const urlOf = (route: RouteDefinition, params: Record<string, string>, query: Record<string, string>) => {
  const search = new URLSearchParams(query).toString();
  return `${pathOf(route, params)}${search ? `?${search}` : ''}`;
};
const idLeavesOf = (route: RouteDefinition) => inputsOf(route, () => undefined).leaves.filter(isIdField);

interface Company {
  /** The ids routes take, by the name of the field that takes them. */
  ids: Record<string, string[]>;
  /** Words only this company's data holds: none may reach the other company. */
  names: string[];
}
interface Caller {
  name: string;
  token: string;
  /** Whose email and password a public route (login) is given. */
  person: Person;
}

describe('tenant isolation', () => {
  let server: TestServer;
  const a: Record<string, Person> = {};
  const b: Record<'owner' | 'member', Person> = {} as never;
  let projectA1: string;
  let projectA2: string;
  let companyA: Company;
  let companyB: Company;
  const callersOfA: Caller[] = [];
  const personOf = (name: string) => a[name] ?? expect.fail(`no ${name} in company A`);
  const idsOf = (company: Company, field: string) => company.ids[field] ?? company.ids[field.replace(/s$/, '')];

  beforeAll(async () => {
    server = await createTestServer();
    a.owner = await signUp(server, 'owner@a.test', 'Company A');
    b.owner = await signUp(server, 'owner@b.test', 'Company B');
    await setPlan(server, a.owner.companyId, 'enterprise');
    await setPlan(server, b.owner.companyId, 'enterprise');
    projectA1 = await createProject(server, a.owner, 'A1');
    projectA2 = await createProject(server, a.owner, 'A2');
    for (const role of CompanyRoleSchema.options.filter((role) => role !== 'owner')) {
      a[role] = await invite(server, a.owner, `${role}@a.test`, role);
    }
    for (const role of ProjectRoleSchema.options) {
      a[`project ${role}`] = await invite(server, a.owner, `project-${role}@a.test`, 'member');
      await addToProject(server, a.owner, projectA1, personOf(`project ${role}`), role);
    }
    b.member = await invite(server, b.owner, 'member@b.test', 'member');
    const projectB = await createProject(server, b.owner, 'Project of B');
    await addToProject(server, b.owner, projectB, b.member, 'viewer');
    const recordsOfA = await createCompanyRecords(server, a.owner, projectA1, 'company-a');
    const recordsOfB = await createCompanyRecords(server, b.owner, projectB, 'company-b');
    const idsOf = (records: Record<string, string>) =>
      Object.fromEntries(Object.entries(records).map(([field, id]) => [field, [id]]));
    companyA = { ids: { ...idsOf(recordsOfA), userId: [a.owner.userId] }, names: [] };
    companyB = {
      ids: { ...idsOf(recordsOfB), userId: [b.member.userId, b.owner.userId] },
      names: ['Company B', 'Project of B', 'company-b', 'owner@b.test', 'member@b.test', 'invited@b.test'],
    };
    const apiKey = await createApiKey(server, a.owner, { name: 'a key', scopes: PermissionSchema.options });
    const projectKey = await createApiKey(server, a.owner, {
      name: 'a key for A1',
      scopes: PermissionSchema.options,
      projectIds: [projectA1],
    });
    callersOfA.push(
      ...Object.entries(a).map(([name, person]) => ({ name, token: person.token, person })),
      { name: 'api key', token: apiKey.secret, person: a.owner },
      { name: 'api key for A1', token: projectKey.secret, person: a.owner },
    );
  });
  afterAll(() => server?.close());

  async function snapshotOfB() {
    return JSON.stringify(
      await server.sql(
        `select
           (select json_agg(c) from companies c where id = $1) as company,
           (select json_agg(s) from subscriptions s where company_id = $1) as subscription,
           (select json_agg(p order by p.id) from projects p where company_id = $1) as projects,
           (select json_agg(m order by m.user_id) from company_memberships m where company_id = $1) as members,
           (select json_agg(u order by u.id) from users u
              where id in (select user_id from company_memberships where company_id = $1)) as users,
           (select json_agg(pm order by pm.user_id) from project_members pm where company_id = $1) as project_members,
           (select json_agg(i order by i.id) from invitations i where company_id = $1) as invitations,
           (select json_agg(k order by k.id) from api_keys k where company_id = $1) as api_keys,
           (select json_agg(t order by t.id) from enrolment_tokens t where company_id = $1) as enrolment_tokens,
           (select json_agg(g order by g.id) from agents g where company_id = $1) as agents,
           (select json_agg(t order by t.id) from transfers t where company_id = $1) as transfers,
           (select count(*) from audit_log where company_id = $1) as audit_entries`,
        [b.owner.companyId],
      ),
    );
  }

  /**
   * Valid values, A's own ids among them, so a request gets past validation to the checks that
   * must refuse it, and only the ids put in afterwards come from B.
   */
  const knownTo =
    (caller: Caller): KnownValue =>
    (_route, field) => {
      if (field === 'email') return caller.person.email;
      if (field === 'password') return PASSWORD;
      if (field === 'from') return new Date(Date.now() - 3_600_000).toISOString();
      if (field === 'to') return new Date().toISOString();
      return isIdName(field) ? idsOf(companyA, field)?.[0] : VALID_VALUES[field];
    };

  /** Every way to fill the id fields with A's and B's ids, B's in at least one. */
  function mixesOf(leaves: Leaf[]): Array<Array<{ leaf: Leaf; id: string; ofB: boolean }>> {
    let mixes: Array<Array<{ leaf: Leaf; id: string; ofB: boolean }>> = [[]];
    for (const leaf of leaves) {
      const field = fieldOf(leaf);
      const choices = [
        ...(idsOf(companyA, field) ?? []).map((id) => ({ leaf, id, ofB: false })),
        ...(idsOf(companyB, field) ?? []).map((id) => ({ leaf, id, ofB: true })),
      ];
      mixes = mixes.flatMap((mix) => choices.map((choice) => [...mix, choice]));
    }
    return mixes.filter((mix) => mix.some((choice) => choice.ofB));
  }

  const routesTakingIds = allRoutes
    .map((route) => ({ name: nameOf(route), route, leaves: idLeavesOf(route) }))
    .filter(({ leaves }) => leaves.length > 0);
  const secretsOf = (company: Company) => [...Object.values(company.ids).flat(), ...company.names];

  it('finds the routes that take ids in the route table', () => {
    expect(routesTakingIds.length).toBeGreaterThan(30);
  });

  it.each(routesTakingIds)("$name refuses company B's ids, whoever in A calls", async ({ name, route, leaves }) => {
    const missing = leaves
      .filter((leaf) => !idsOf(companyA, fieldOf(leaf)) || !idsOf(companyB, fieldOf(leaf)))
      .map(
        (leaf) =>
          `route ${name} takes ${leaf.where === 'path' ? ':' : ''}${fieldOf(leaf)}; add how to make one to ${RECORDS_FILE}`,
      );
    expect(missing, missing.join('\n')).toEqual([]);
    const before = await snapshotOfB();
    const wrong: string[] = [];
    for (const caller of callersOfA) {
      const inputs = inputsOf(route, knownTo(caller));
      for (const [schema, value] of [
        [route.schemas.params, inputs.params],
        [route.schemas.query, inputs.query],
        [route.schemas.body, inputs.body],
      ] as const) {
        if (schema)
          expect(schema.safeParse(value).success, `valid input of ${name}: ${JSON.stringify(value)}`).toBe(true);
      }
      for (const mix of mixesOf(leaves)) {
        const params = { ...inputs.params };
        const query = { ...inputs.query };
        let body = inputs.body;
        for (const { leaf, id } of mix) {
          if (leaf.where === 'path') params[fieldOf(leaf)] = id;
          else if (leaf.where === 'query') query[fieldOf(leaf)] = id;
          else body = setAt(body, leaf.path, id);
        }
        const url = urlOf(route, params, query);
        const response = await server.request(route.method.toUpperCase(), url, { token: caller.token, body });
        const what = `${caller.name} ${route.method.toUpperCase()} ${url}${body === undefined ? '' : ` ${JSON.stringify(body)}`}`;
        // A listing filtered by B's id (the only B id in its query) may answer with nothing in it.
        const filter = route.method === 'get' && mix.every((choice) => !choice.ofB || choice.leaf.where === 'query');
        if (![403, 404].includes(response.status) && !(filter && response.status === 200)) {
          wrong.push(`${what} → ${response.status}`);
        }
        const sent = new Set(mix.map((choice) => choice.id));
        const text = JSON.stringify(response.body ?? '');
        for (const word of secretsOf(companyB).filter((secret) => !sent.has(secret))) {
          if (text.includes(word)) wrong.push(`${what} shows "${word}"`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(await snapshotOfB()).toBe(before);
  });

  it('cannot join company B with a made-up invitation token, whoever calls', async () => {
    for (const caller of callersOfA) {
      const response = await server.request('POST', '/api/v1/invitations/join', {
        token: caller.token,
        body: { token: 'tcpi_not_an_invitation_of_b' },
      });
      expect([403, 404], caller.name).toContain(response.status);
    }
  });

  it('reads nothing of company B on any GET route, whoever calls', async () => {
    const wrong: string[] = [];
    for (const route of allRoutes.filter((route) => route.method === 'get')) {
      for (const caller of callersOfA) {
        const inputs = inputsOf(route, knownTo(caller));
        const url = urlOf(route, inputs.params, inputs.query);
        const response = await server.request('GET', url, { token: caller.token });
        const what = `${caller.name} GET ${url}`;
        // No agent connects to this in-process server: what an agent answers (its files) says it is
        // offline; agent-files-agents.test.ts lists them with a real agent process.
        const agentOffline = response.status === 409 && response.body?.error?.details?.reason === 'agent_offline';
        if (response.status >= 500 || (caller.name === 'owner' && response.status !== 200 && !agentOffline)) {
          wrong.push(`${what} → ${response.status} ${JSON.stringify(response.body)}`);
        }
        const text = JSON.stringify(response.body);
        for (const secret of secretsOf(companyB)) if (text.includes(secret)) wrong.push(`${what} shows "${secret}"`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('renaming "the company" renames only the caller\'s own', async () => {
    const response = await server.request('PATCH', '/api/v1/company', {
      token: a.owner?.token,
      body: { name: 'A renamed' },
    });
    expect(response.status).toBe(200);
    const [company] = await server.sql<{ name: string }>('select name from companies where id = $1', [
      b.owner.companyId,
    ]);
    expect(company?.name).toBe('Company B');
  });

  it('inside a company, project roles hold', async () => {
    const outsider = personOf('member');
    const owner = personOf('owner');
    const cases: Array<[string, string, string, unknown, number]> = [
      ['project viewer', 'GET', `/api/v1/projects/${projectA1}`, undefined, 200],
      ['project viewer', 'PATCH', `/api/v1/projects/${projectA1}`, { name: 'viewer wrote' }, 403],
      ['project viewer', 'DELETE', `/api/v1/projects/${projectA1}`, undefined, 403],
      ['project viewer', 'PUT', `/api/v1/projects/${projectA1}/members/${outsider.userId}`, { role: 'viewer' }, 403],
      ['project viewer', 'GET', `/api/v1/projects/${projectA2}`, undefined, 404],
      ['project viewer', 'POST', '/api/v1/projects', { name: 'viewer project' }, 403],
      ['project viewer', 'POST', '/api/v1/invitations', { email: 'x@a.test', role: 'admin' }, 403],
      ['project viewer', 'GET', '/api/v1/api-keys', undefined, 403],
      ['project viewer', 'GET', '/api/v1/audit-log', undefined, 403],
      ['project viewer', 'GET', '/api/v1/members', undefined, 200],
      ['member', 'GET', `/api/v1/projects/${projectA1}`, undefined, 404],
      ['member', 'GET', `/api/v1/projects/${projectA1}/members`, undefined, 404],
      ['project operator', 'GET', `/api/v1/projects/${projectA1}`, undefined, 200],
      ['project operator', 'PATCH', `/api/v1/projects/${projectA1}`, { name: 'operator wrote' }, 403],
      ['project admin', 'PATCH', `/api/v1/projects/${projectA1}`, { description: 'set by project admin' }, 200],
      ['project admin', 'DELETE', `/api/v1/projects/${projectA1}`, undefined, 403],
      ['project admin', 'GET', `/api/v1/projects/${projectA2}`, undefined, 404],
      ['project admin', 'PUT', `/api/v1/projects/${projectA1}/members/${outsider.userId}`, { role: 'viewer' }, 200],
      ['project admin', 'DELETE', `/api/v1/projects/${projectA1}/members/${outsider.userId}`, undefined, 204],
      ['billing', 'GET', '/api/v1/subscription', undefined, 200],
      ['billing', 'POST', '/api/v1/projects', { name: 'billing project' }, 403],
      ['billing', 'GET', '/api/v1/billing', undefined, 200],
      ['billing', 'GET', '/api/v1/billing/invoices', undefined, 200],
      // Allowed, but this server does not sell plans through Stripe.
      ['billing', 'POST', '/api/v1/billing/checkout', { plan: 'starter' }, 409],
      ['admin', 'GET', '/api/v1/billing', undefined, 200],
      ['admin', 'POST', '/api/v1/billing/checkout', { plan: 'starter' }, 403],
      ['admin', 'POST', '/api/v1/billing/portal', undefined, 403],
      ['member', 'GET', '/api/v1/billing', undefined, 403],
      ['member', 'GET', '/api/v1/billing/invoices', undefined, 403],
      ['admin', 'GET', `/api/v1/projects/${projectA2}`, undefined, 200],
      ['admin', 'POST', '/api/v1/invitations', { email: 'new-owner@a.test', role: 'owner' }, 403],
      ['admin', 'PATCH', `/api/v1/members/${owner.userId}`, { role: 'member' }, 403],
      ['admin', 'DELETE', `/api/v1/members/${owner.userId}`, undefined, 403],
      ['owner', 'PATCH', `/api/v1/members/${owner.userId}`, { role: 'admin' }, 409],
    ];
    const wrong: string[] = [];
    for (const [who, method, path, body, expected] of cases) {
      const response = await server.request(method, path, { token: personOf(who).token, body });
      if (response.status !== expected) {
        wrong.push(
          `${who} ${method} ${path}: ${response.status} ${JSON.stringify(response.body)} (wanted ${expected})`,
        );
      }
    }
    expect(wrong).toEqual([]);
    const listed = await server.request('GET', '/api/v1/projects', { token: personOf('project viewer').token });
    expect(listed.body.projects.map((p: { name: string }) => p.name)).toEqual(['A1']);
    expect((await server.request('GET', '/api/v1/projects', { token: outsider.token })).body.projects).toEqual([]);
    const [project] = await server.sql<{ name: string }>('select name from projects where id = $1', [projectA1]);
    expect(project?.name).toBe('A1');
  });
});
