import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../src/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';

describe('migrations', () => {
  let testDatabase: TestDatabase;
  beforeAll(async () => {
    testDatabase = await createTestDatabase();
  });
  afterAll(() => testDatabase?.dispose());

  it('are numbered without gaps', async () => {
    const ids = (await loadMigrations()).map((migration) => migration.id);
    expect(ids).toEqual(ids.map((_, index) => index + 1));
  });

  it('apply nothing twice, even when two migrators race', async () => {
    const results = await Promise.all([migrate(testDatabase.database), migrate(testDatabase.database)]);
    expect(results).toEqual([{ applied: [] }, { applied: [] }]);
    const rows = await testDatabase.database.unsafeAsOwner((tx) => tx.query('select id from schema_migrations'));
    expect(rows).toHaveLength((await loadMigrations()).length);
  });

  it('race safely on an empty database', async () => {
    const fresh = await createTestDatabase();
    try {
      // The template is already migrated; drop to an empty schema to race from nothing.
      await fresh.database.unsafeAsOwner((tx) =>
        tx.exec('drop schema public cascade; create schema public; drop schema app cascade;'),
      );
      const results = await Promise.all([migrate(fresh.database), migrate(fresh.database)]);
      // Each migration exactly once, by whichever migrator took the lock first (so in any order).
      const applied = results.flatMap((result) => result.applied).sort();
      expect(applied).toEqual((await loadMigrations()).map((m) => `${m.id}_${m.name}`).sort());
    } finally {
      await fresh.dispose();
    }
  });
});
