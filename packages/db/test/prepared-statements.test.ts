import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../src/testing.ts';

/**
 * The PostgreSQL adapter names every plannable statement, with or without parameters, so each
 * connection plans it once (planning row-level security policies costs more than running a
 * small query). Utility statements stay unnamed.
 */
describe.runIf(process.env.TEST_DB_KIND === 'postgres')(
  'prepared statements (PostgreSQL adapter; skipped in the PGlite run, which does not use it)',
  () => {
    let testDatabase: TestDatabase;

    beforeAll(async () => {
      testDatabase = await createTestDatabase();
    });
    afterAll(() => testDatabase?.dispose());

    const PREPARED = `select statement from pg_prepared_statements where statement like $1`;

    it('prepares a select without parameters once per connection, and not DDL', async () => {
      const marker = `marker_${Date.now()}`;
      const prepared = await testDatabase.database.unsafeAsOwner(async (tx) => {
        await tx.query(`select 1 as ${marker}`);
        await tx.query(`select 1 as ${marker}`);
        await tx.query(`create temporary table ${marker}_table (id int) on commit drop`);
        return tx.query<{ statement: string }>(PREPARED, [`%${marker}%`]);
      });
      expect(prepared.map((row) => row.statement)).toEqual([`select 1 as ${marker}`]);
    });
  },
);
