import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Claims, Database, Queryable } from '../src/index.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';

/**
 * The tenancy guarantee at the SQL level: as the application role with company A's claims, a
 * query with no WHERE clause returns none of company B's rows, and writes into B fail.
 */
interface Tenant {
  companyId: string;
  ownerId: string;
  projectId: string;
  apiKeyId: string;
  invitationId: string;
}

const TENANT_TABLES = [
  'companies',
  'users',
  'company_memberships',
  'projects',
  'project_members',
  'subscriptions',
  'invitations',
  'api_keys',
  'audit_log',
] as const;

async function seedTenant(tx: Queryable, name: string): Promise<Tenant> {
  const one = async (sql: string, params: unknown[]) => {
    const [row] = await tx.query<{ id: string }>(sql, params);
    if (!row) throw new Error(`seed failed: ${sql}`);
    return row.id;
  };
  const companyId = await one('insert into companies (name) values ($1) returning id', [name]);
  await tx.query(`insert into subscriptions (company_id, plan_id) values ($1, 'enterprise')`, [companyId]);
  const ownerId = await one(`insert into users (email, password_hash) values ($1, 'x') returning id`, [
    `owner@${name}.test`,
  ]);
  await tx.query(
    `insert into company_memberships (company_id, user_id, role_id)
     select $1, $2, id from roles where company_id is null and scope = 'company' and key = 'owner'`,
    [companyId, ownerId],
  );
  const projectId = await one('insert into projects (company_id, name) values ($1, $2) returning id', [
    companyId,
    `${name}-project`,
  ]);
  await tx.query(
    `insert into project_members (project_id, company_id, user_id, role_id)
     select $1, $2, $3, id from roles where company_id is null and scope = 'project' and key = 'admin'`,
    [projectId, companyId, ownerId],
  );
  const apiKeyId = await one(
    `insert into api_keys (company_id, created_by, name, prefix, secret_hash, scopes)
     values ($1, $2, 'k', $3, 'h', '{projects:read}') returning id`,
    [companyId, ownerId, `tcpa_${randomUUID().slice(0, 8)}`],
  );
  const invitationId = await one(
    `insert into invitations (company_id, email, role_id, token_hash, expires_at)
     select $1, $2, id, $3, now() + interval '1 day' from roles
     where company_id is null and scope = 'company' and key = 'member' returning id`,
    [companyId, `invitee@${name}.test`, randomUUID()],
  );
  await tx.query(
    `insert into audit_log (company_id, actor_user_id, action, target_type) values ($1, $2, 'seeded', 'company')`,
    [companyId, ownerId],
  );
  return { companyId, ownerId, projectId, apiKeyId, invitationId };
}

describe('row-level security as the application role', () => {
  let testDatabase: TestDatabase;
  let database: Database;
  let a: Tenant;
  let b: Tenant;
  let claimsOfA: Claims;

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    database = testDatabase.database;
    [a, b] = await database.unsafeAsOwner(async (tx) => [await seedTenant(tx, 'alpha'), await seedTenant(tx, 'beta')]);
    claimsOfA = { sub: a.ownerId, company_id: a.companyId };
  });
  afterAll(() => testDatabase?.dispose());

  it('runs as tcpa_app, which owns nothing and cannot bypass RLS', async () => {
    const [row] = await database.withClaims(claimsOfA, (tx) =>
      tx.query<{ who: string; bypass: boolean; super: boolean }>(
        `select current_user as who, rolbypassrls as bypass, rolsuper as super
         from pg_roles where rolname = current_user`,
      ),
    );
    expect(row).toEqual({ who: 'tcpa_app', bypass: false, super: false });
    const owned = await database.unsafeAsOwner((tx) =>
      tx.query(`select tablename from pg_tables where schemaname = 'public' and tableowner = 'tcpa_app'`),
    );
    expect(owned).toEqual([]);
  });

  // users and api_keys grant only their non-secret columns to the application role.
  const COLUMNS: Partial<Record<(typeof TENANT_TABLES)[number], string>> = {
    users: 'id, email, name',
    api_keys: 'id, company_id, created_by, prefix, scopes',
  };

  it.each(TENANT_TABLES)('select * from %s returns none of the other company', async (table) => {
    const rows = await database.withClaims(claimsOfA, (tx) =>
      tx.query(`select ${COLUMNS[table] ?? '*'} from ${table}`),
    );
    const text = JSON.stringify(rows);
    expect(rows.length).toBeGreaterThan(0);
    for (const id of [b.companyId, b.ownerId, b.projectId, b.apiKeyId, b.invitationId]) {
      expect(text).not.toContain(id);
    }
  });

  it('sees all rows when the owner looks, so the filtering above is RLS', async () => {
    const rows = await database.unsafeAsOwner((tx) => tx.query('select id from projects'));
    expect(rows).toHaveLength(2);
  });

  it('without claims a tenant query sees nothing at all', async () => {
    const rows = await database.withClaims({ sub: randomUUID(), company_id: randomUUID() }, (tx) =>
      tx.query('select id from projects'),
    );
    expect(rows).toEqual([]);
  });

  it('cannot insert rows into the other company', async () => {
    await expect(
      database.withClaims(claimsOfA, (tx) =>
        tx.query('insert into projects (company_id, name) values ($1, $2)', [b.companyId, 'sneaky']),
      ),
    ).rejects.toMatchObject({ code: '42501' });
    await expect(
      database.withClaims(claimsOfA, (tx) =>
        tx.query(`insert into audit_log (company_id, action, target_type) values ($1, 'forged', 'company')`, [
          b.companyId,
        ]),
      ),
    ).rejects.toMatchObject({ code: '42501' });
  });

  it('updates and deletes of the other company touch no row', async () => {
    const changed = await database.withClaims(claimsOfA, async (tx) => [
      ...(await tx.query(`update projects set name = 'owned' where id = $1 returning id`, [b.projectId])),
      ...(await tx.query(`update companies set name = 'owned' where id = $1 returning id`, [b.companyId])),
      ...(await tx.query('delete from project_members where project_id = $1 returning user_id', [b.projectId])),
      ...(await tx.query('delete from company_memberships where company_id = $1 returning user_id', [b.companyId])),
      ...(await tx.query('update api_keys set revoked_at = now() where id = $1 returning id', [b.apiKeyId])),
      ...(await tx.query('delete from projects where id = $1 returning id', [b.projectId])),
    ]);
    expect(changed).toEqual([]);
    const [project] = await database.unsafeAsOwner((tx) =>
      tx.query<{ name: string }>('select name from projects where id = $1', [b.projectId]),
    );
    expect(project?.name).toBe('beta-project');
  });

  it('keeps secrets and service tables out of reach of the application role', async () => {
    for (const sql of [
      'select password_hash from users',
      'select secret_hash from api_keys',
      'select * from refresh_tokens',
      'select * from signing_keys',
      'select * from login_failures',
    ]) {
      await expect(
        database.withClaims(claimsOfA, (tx) => tx.query(sql)),
        sql,
      ).rejects.toMatchObject({
        code: '42501',
      });
    }
  });

  it('lets the application role neither update nor delete the audit log', async () => {
    await expect(
      database.withClaims(claimsOfA, (tx) => tx.query(`update audit_log set action = 'edited'`)),
    ).rejects.toMatchObject({ code: '42501' });
    await expect(database.withClaims(claimsOfA, (tx) => tx.query('delete from audit_log'))).rejects.toMatchObject({
      code: '42501',
    });
    await expect(database.unsafeAsOwner((tx) => tx.query('delete from audit_log'))).rejects.toThrow(/append-only/);
  });

  it('limits a member to the projects they belong to', async () => {
    const memberId = await database.unsafeAsOwner(async (tx) => {
      const [user] = await tx.query<{ id: string }>(
        `insert into users (email, password_hash) values ('member@alpha.test', 'x') returning id`,
      );
      await tx.query(
        `insert into company_memberships (company_id, user_id, role_id)
         select $1, $2, id from roles where company_id is null and scope = 'company' and key = 'member'`,
        [a.companyId, user?.id],
      );
      await tx.query(`insert into projects (company_id, name) values ($1, 'alpha-second')`, [a.companyId]);
      return user?.id as string;
    });
    const claims = { sub: memberId, company_id: a.companyId };
    expect(await database.withClaims(claims, (tx) => tx.query('select id from projects'))).toEqual([]);
    await database.unsafeAsOwner((tx) =>
      tx.query(
        `insert into project_members (project_id, company_id, user_id, role_id)
         select $1, $2, $3, id from roles where company_id is null and scope = 'project' and key = 'viewer'`,
        [a.projectId, a.companyId, memberId],
      ),
    );
    expect(await database.withClaims(claims, (tx) => tx.query('select id from projects'))).toEqual([
      { id: a.projectId },
    ]);
    const renamed = await database.withClaims(claims, (tx) =>
      tx.query(`update projects set name = 'viewer-wrote' returning id`),
    );
    expect(renamed).toEqual([]);
  });

  it('narrows an API key to its scopes and projects', async () => {
    await database.unsafeAsOwner((tx) =>
      tx.query(`update api_keys set project_ids = array[$2::uuid] where id = $1`, [a.apiKeyId, randomUUID()]),
    );
    const keyClaims = { ...claimsOfA, api_key_id: a.apiKeyId };
    expect(await database.withClaims(keyClaims, (tx) => tx.query('select id from projects'))).toEqual([]);
    await database.unsafeAsOwner((tx) =>
      tx.query('update api_keys set project_ids = array[$2::uuid] where id = $1', [a.apiKeyId, a.projectId]),
    );
    expect(await database.withClaims(keyClaims, (tx) => tx.query('select id from projects'))).toEqual([
      { id: a.projectId },
    ]);
    const [permissions] = await database.withClaims(keyClaims, (tx) =>
      tx.query<{ list: string[] }>('select app.company_permissions() as list'),
    );
    expect(permissions?.list).toEqual(['projects:read']);
  });
});
