import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Claims } from '../src/index.ts';
import { createTestDatabase } from '../src/testing.ts';
import { SEED_FILE, seedTenant, type Tenant } from './seed-tenant.ts';
import { isReachable, listTenantTables, type TenantTable, tenantFilter } from './tenant-tables.ts';

/**
 * The tenancy guarantee at the SQL level: as the application role with company A's claims, a
 * query with no WHERE clause returns none of company B's rows, and writes into B fail. The
 * tables come from the catalogue (every one with a company_id or project_id column), so a new
 * table is checked without anyone listing it here.
 *
 * No migration forces row-level security: the owner is the migrator and the service paths
 * (`unsafeAsOwner`) rely on bypassing it, so what matters is that tcpa_app owns nothing.
 */
const testDatabase = await createTestDatabase();
const database = testDatabase.database;
const tables = await database.unsafeAsOwner(listTenantTables);

/** What one statement did as company A, always rolled back. */
type Outcome =
  | { kind: 'rows'; count: number }
  | { kind: 'row-level security' }
  | { kind: 'no privilege' }
  | { kind: 'error'; message: string };

const ROLLBACK = new Error('rollback');

describe('row-level security as the application role', () => {
  let a: Tenant;
  let b: Tenant;
  let claimsOfA: Claims;
  const unseeded = new Set<string>();

  beforeAll(async () => {
    [a, b] = await database.unsafeAsOwner(async (tx) => [await seedTenant(tx, 'alpha'), await seedTenant(tx, 'beta')]);
    claimsOfA = { sub: a.ownerId, company_id: a.companyId };
    await database.unsafeAsOwner(async (tx) => {
      for (const table of tables) {
        for (const tenant of [a, b]) {
          const { where, values } = tenantFilter(table, tenant);
          const [row] = await tx.query<{ count: number }>(
            `select count(*)::int as count from ${table.name} where ${where}`,
            values,
          );
          if (!row?.count) unseeded.add(table.name);
        }
      }
    });
  });
  afterAll(() => testDatabase.dispose());

  function requireSeed(table: TenantTable) {
    if (unseeded.has(table.name)) {
      throw new Error(
        `table ${table.name} has ${table.tenantColumns.join(' and ')} but no seed for both companies: add one to ${SEED_FILE}`,
      );
    }
  }

  async function attemptAsA(sql: string, values: unknown[] = []): Promise<Outcome> {
    let outcome: Outcome = { kind: 'error', message: 'not run' };
    await database
      .withClaims(claimsOfA, async (tx) => {
        try {
          outcome = { kind: 'rows', count: (await tx.query(sql, values)).length };
        } catch (error) {
          const { code, message } = error as { code?: string; message: string };
          if (code !== '42501') outcome = { kind: 'error', message };
          else if (/row-level security/.test(message)) outcome = { kind: 'row-level security' };
          else outcome = { kind: 'no privilege' };
        }
        throw ROLLBACK;
      })
      .catch((error) => {
        if (error !== ROLLBACK) throw error;
      });
    return outcome;
  }

  it('finds the tenant tables in the catalogue', () => {
    expect(tables.map((table) => table.name)).toEqual(
      expect.arrayContaining(['agents', 'enrolment_tokens', 'projects', 'telemetry', 'transfers']),
    );
  });

  describe.each(tables.filter(isReachable).map((table) => [table.name, table] as const))('%s', (_, table) => {
    it('has row-level security on and both companies seeded', () => {
      expect(table.rowSecurity, `${table.name} is reachable by tcpa_app but has row-level security off`).toBe(true);
      requireSeed(table);
    });

    it('shows company A its own rows and none of company B', async () => {
      requireSeed(table);
      if (table.readable.length === 0) {
        expect(await attemptAsA(`select count(*) from ${table.name}`)).toEqual({ kind: 'no privilege' });
        return;
      }
      const rows = await database.withClaims(claimsOfA, (tx) =>
        tx.query<Record<string, string | null>>(`select ${table.tenantColumns.join(', ')} from ${table.name}`),
      );
      const own = rows.filter((row) => row.company_id === a.companyId || row.project_id === a.projectId);
      const others = rows.filter((row) => row.company_id === b.companyId || row.project_id === b.projectId);
      expect(own.length, 'company A sees its own rows').toBeGreaterThan(0);
      expect(others, "company B's rows seen by company A").toEqual([]);
    });

    it('refuses company A an insert into company B', async () => {
      requireSeed(table);
      if (table.insertable.length === 0) {
        expect(await attemptAsA(`insert into ${table.name} default values`)).toEqual({ kind: 'no privilege' });
        return;
      }
      // One of B's own rows, copied column by column, so only the policy can refuse it.
      const { where, values } = tenantFilter(table, b);
      const [rowOfB] = await database.unsafeAsOwner((tx) =>
        tx.query<{ row: unknown }>(`select row_to_json(t) as row from ${table.name} t where ${where} limit 1`, values),
      );
      const columns = table.insertable.join(', ');
      const outcome = await attemptAsA(
        `insert into ${table.name} (${columns})
         select ${columns} from json_populate_record(null::${table.name}, $1::json)`,
        [JSON.stringify(rowOfB?.row)],
      );
      expect(outcome).toEqual({ kind: 'row-level security' });
    });

    it("updates none of company B's rows and moves none of A's there", async () => {
      requireSeed(table);
      const column = table.updatable.find((name) => table.readable.includes(name));
      if (!column) {
        const [first] = table.tenantColumns;
        expect(await attemptAsA(`update ${table.name} set ${first} = ${first}`)).toEqual({ kind: 'no privilege' });
        return;
      }
      const { where, values } = tenantFilter(table, b);
      expect(
        await attemptAsA(`update ${table.name} set ${column} = ${column} where ${where} returning 1`, values),
      ).toEqual({ kind: 'rows', count: 0 });
      for (const tenantColumn of table.tenantColumns.filter((name) => table.updatable.includes(name))) {
        const [ofA, ofB] = tenantColumn === 'company_id' ? [a.companyId, b.companyId] : [a.projectId, b.projectId];
        const outcome = await attemptAsA(
          `update ${table.name} set ${tenantColumn} = $1 where ${tenantColumn} = $2 returning 1`,
          [ofB, ofA],
        );
        expect([{ kind: 'row-level security' }, { kind: 'rows', count: 0 }]).toContainEqual(outcome);
      }
    });

    it("deletes none of company B's rows", async () => {
      requireSeed(table);
      if (!table.deletable) {
        expect(await attemptAsA(`delete from ${table.name}`)).toEqual({ kind: 'no privilege' });
        return;
      }
      const { where, values } = tenantFilter(table, b);
      expect(await attemptAsA(`delete from ${table.name} where ${where} returning 1`, values)).toEqual({
        kind: 'rows',
        count: 0,
      });
    });
  });

  // Service tables (refresh tokens) and partitions (telemetry's, read through their parent).
  it.each(tables.filter((table) => !isReachable(table)).map((table) => table.name))(
    '%s is out of the application role’s reach',
    async (name) => {
      for (const sql of [
        `select count(*) from ${name}`,
        `insert into ${name} default values`,
        `update ${name} set company_id = company_id`,
        `delete from ${name}`,
      ]) {
        expect(await attemptAsA(sql), sql).toEqual({ kind: 'no privilege' });
      }
    },
  );

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

  it('shows company A neither company B nor its people, and lets it rename neither', async () => {
    const seen = await database.withClaims(claimsOfA, async (tx) => [
      ...(await tx.query<{ id: string }>('select id from companies')),
      ...(await tx.query<{ id: string }>('select id from users')),
    ]);
    expect(seen.map((row) => row.id).sort()).toEqual([a.companyId, a.ownerId].sort());
    expect(await attemptAsA(`update companies set name = 'owned' where id = $1 returning id`, [b.companyId])).toEqual({
      kind: 'rows',
      count: 0,
    });
    expect(await attemptAsA(`update users set name = 'owned' where id = $1 returning id`, [b.ownerId])).toEqual({
      kind: 'rows',
      count: 0,
    });
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

  it('keeps secrets and service tables out of reach of the application role', async () => {
    for (const sql of [
      'select password_hash from users',
      'select secret_hash from api_keys',
      'select * from refresh_tokens',
      'select * from signing_keys',
      'select * from login_failures',
      'select * from password_reset_tokens',
      'select * from email_verification_tokens',
      'select * from auth_email_requests',
      'select email_verified_at from users',
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
