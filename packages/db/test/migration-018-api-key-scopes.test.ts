import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../src/migrate.ts';
import { createTestDatabase } from '../src/testing.ts';

/** 018 gives API keys made before jobs existed the job scopes their transfer scopes imply. */
describe('migration 018 on API keys made before it', () => {
  it('adds jobs:read and jobs:write to keys that may run transfers, jobs:read to keys that read them', async () => {
    const fresh = await createTestDatabase();
    try {
      const { database } = fresh;
      // The template is migrated; start again from nothing and stop before 018, as a database of the release before.
      await database.unsafeAsOwner((tx) =>
        tx.exec('drop schema public cascade; create schema public; drop schema app cascade;'),
      );
      const before = (await loadMigrations()).filter((migration) => migration.id < 18);
      await database.unsafeAsOwner(async (tx) => {
        await tx.exec(`create table schema_migrations (
          id int primary key, name text not null, applied_at timestamptz not null default now())`);
        for (const migration of before) {
          await tx.exec(migration.sql);
          await tx.query('insert into schema_migrations (id, name) values ($1, $2)', [migration.id, migration.name]);
        }
      });
      const keys: Record<string, string[]> = {
        runsTransfers: ['transfers:read', 'transfers:write'],
        writesOnly: ['transfers:write'],
        readsTransfers: ['agents:read', 'transfers:read'],
        hasJobsAlready: ['jobs:read', 'transfers:read'],
        noTransfers: ['projects:read'],
      };
      await database.unsafeAsOwner(async (tx) => {
        const [company] = await tx.query<{ id: string }>(`insert into companies (name) values ('old') returning id`);
        const [user] = await tx.query<{ id: string }>(
          `insert into users (email, password_hash) values ('owner@old.test', 'x') returning id`,
        );
        for (const [name, scopes] of Object.entries(keys)) {
          await tx.query(
            `insert into api_keys (company_id, created_by, name, prefix, secret_hash, scopes)
             values ($1, $2, $3, $4, 'h', $5)`,
            [company?.id, user?.id, name, `tcpa_${randomUUID().slice(0, 8)}`, scopes],
          );
        }
      });

      const { applied } = await migrate(database);
      expect(applied[0]).toBe('18_job_modes_and_run_outcomes');
      const rows = await database.unsafeAsOwner((tx) =>
        tx.query<{ name: string; scopes: string[] }>('select name, scopes from api_keys order by name'),
      );
      const scopesOf = Object.fromEntries(rows.map((row) => [row.name, [...row.scopes].sort()]));
      expect(scopesOf).toEqual({
        hasJobsAlready: ['jobs:read', 'transfers:read'],
        noTransfers: ['projects:read'],
        readsTransfers: ['agents:read', 'jobs:read', 'transfers:read'],
        runsTransfers: ['jobs:read', 'jobs:write', 'transfers:read', 'transfers:write'],
        writesOnly: ['jobs:read', 'jobs:write', 'transfers:write'],
      });
    } finally {
      await fresh.dispose();
    }
  });
});
