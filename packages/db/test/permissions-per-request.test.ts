import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Claims, Database, Queryable } from '../src/index.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';

/**
 * Each tenant transaction computes the caller's permissions once (app.begin_request) and the
 * policies read them from transaction-local settings. These tests pin down what that must not
 * change: every transaction reads the tables anew, and settings that do not belong to the
 * current claims grant nothing.
 */
interface Company {
  companyId: string;
  ownerId: string;
  projectIds: string[];
}

async function seedCompany(tx: Queryable, name: string): Promise<Company> {
  const [company] = await tx.query<{ id: string }>('insert into companies (name) values ($1) returning id', [name]);
  const [owner] = await tx.query<{ id: string }>(
    `insert into users (email, password_hash) values ($1, 'x') returning id`,
    [`owner@${name}.test`],
  );
  if (!company || !owner) throw new Error('seed failed');
  await tx.query(`insert into subscriptions (company_id, plan_id) values ($1, 'enterprise')`, [company.id]);
  await addMember(tx, company.id, owner.id, 'owner');
  const projects = await tx.query<{ id: string }>(
    `insert into projects (company_id, name) select $1, $2 || '-' || n from generate_series(1, 2) n returning id`,
    [company.id, name],
  );
  return { companyId: company.id, ownerId: owner.id, projectIds: projects.map((row) => row.id) };
}

async function addMember(tx: Queryable, companyId: string, userId: string, role: string) {
  await tx.query(
    `insert into company_memberships (company_id, user_id, role_id)
     select $1, $2, id from roles where company_id is null and scope = 'company' and key = $3`,
    [companyId, userId, role],
  );
}

const visibleProjects = (database: Database, claims: Claims) =>
  database.withClaims(claims, (tx) => tx.query<{ id: string }>('select id from projects order by id'));

describe('permissions computed once per transaction', () => {
  let testDatabase: TestDatabase;
  let database: Database;
  let a: Company;
  let b: Company;

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    database = testDatabase.database;
    [a, b] = await database.unsafeAsOwner(async (tx) => [
      await seedCompany(tx, 'alpha'),
      await seedCompany(tx, 'beta'),
    ]);
  });
  afterAll(() => testDatabase?.dispose());

  it('reads a role change or a removal in the very next transaction', async () => {
    const userId = randomUUID();
    await database.unsafeAsOwner(async (tx) => {
      await tx.query(`insert into users (id, email, password_hash) values ($1, $2, 'x')`, [userId, 'admin@alpha.test']);
      await addMember(tx, a.companyId, userId, 'admin');
    });
    const claims = { sub: userId, company_id: a.companyId };
    expect(await visibleProjects(database, claims)).toHaveLength(2);

    await database.unsafeAsOwner((tx) =>
      tx.query(
        `update company_memberships set role_id = (select id from roles
           where company_id is null and scope = 'company' and key = 'member')
         where company_id = $1 and user_id = $2`,
        [a.companyId, userId],
      ),
    );
    expect(await visibleProjects(database, claims)).toEqual([]);

    await database.unsafeAsOwner((tx) =>
      tx.query(
        `insert into project_members (project_id, company_id, user_id, role_id)
         select $1, $2, $3, id from roles where company_id is null and scope = 'project' and key = 'viewer'`,
        [a.projectIds[0], a.companyId, userId],
      ),
    );
    expect(await visibleProjects(database, claims)).toEqual([{ id: a.projectIds[0] }]);

    await database.unsafeAsOwner((tx) =>
      tx.query('delete from company_memberships where company_id = $1 and user_id = $2', [a.companyId, userId]),
    );
    expect(await visibleProjects(database, claims)).toEqual([]);
  });

  it('grants nothing once the claims change without recomputing the permissions', async () => {
    const rows = await database.withClaims({ sub: a.ownerId, company_id: a.companyId }, async (tx) => {
      expect(await tx.query('select id from projects')).toHaveLength(2);
      // Claims of another company's owner, set directly: the computed permissions are A's.
      await tx.query(`select set_config('request.jwt.claims', $1, true)`, [
        JSON.stringify({ sub: b.ownerId, company_id: b.companyId }),
      ]);
      return tx.query<{ projects: number; allowed: boolean; ids: string[]; mine: unknown }>(
        `select (select count(*) from projects)::int as projects,
                app.has_permission('projects:read') as allowed,
                app.project_ids_with('projects:read') as ids,
                (select to_jsonb(m) from app.my_project_permissions() m) as mine`,
      );
    });
    expect(rows).toEqual([{ projects: 0, allowed: false, ids: [], mine: { all_projects: [], by_project: {} } }]);
  });

  it('does not let the application role compute permissions for itself', async () => {
    const refused = database.withClaims({ sub: a.ownerId, company_id: a.companyId }, (tx) =>
      tx.query('select app.begin_request($1)', [JSON.stringify({ sub: b.ownerId, company_id: b.companyId })]),
    );
    await expect(refused).rejects.toThrow(/permission denied/);
  });

  it('narrows an API key to its scopes and its projects, and a revoked key to nothing', async () => {
    const [key] = await database.unsafeAsOwner((tx) =>
      tx.query<{ id: string }>(
        `insert into api_keys (company_id, created_by, name, prefix, secret_hash, scopes, project_ids)
         values ($1, $2, 'k', $3, 'h', '{projects:read}', array[$4::uuid]) returning id`,
        [a.companyId, a.ownerId, `tcpa_${randomUUID().slice(0, 8)}`, a.projectIds[1]],
      ),
    );
    const claims = { sub: a.ownerId, company_id: a.companyId, api_key_id: key?.id ?? null };
    const permissions = (tx: Queryable) =>
      tx.query(
        `select app.company_permissions() as company, app.all_projects_with('projects:read') as all_projects,
                app.project_ids_with('projects:read') as readable, app.project_ids_with('projects:write') as writable`,
      );
    expect(await database.withClaims(claims, permissions)).toEqual([
      { company: ['projects:read'], all_projects: false, readable: [a.projectIds[1]], writable: [] },
    ]);
    expect(await visibleProjects(database, claims)).toEqual([{ id: a.projectIds[1] }]);

    await database.unsafeAsOwner((tx) => tx.query('update api_keys set revoked_at = now() where id = $1', [key?.id]));
    expect(await database.withClaims(claims, permissions)).toEqual([
      { company: [], all_projects: false, readable: [], writable: [] },
    ]);
    expect(await visibleProjects(database, claims)).toEqual([]);
  });
});
