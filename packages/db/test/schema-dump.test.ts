import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { dumpSchema, SCHEMA_DUMP_FILE } from '../src/schema-dump.ts';
import { createTestDatabase, testDatabaseKind } from '../src/testing.ts';

// pg_dump needs a PostgreSQL server; the PGlite run has none, and the schema is the same.
describe.skipIf(testDatabaseKind() !== 'postgres')(
  'schema dump (skipped in the PGlite run: pg_dump needs a PostgreSQL server)',
  () => {
    it('matches the migrations (run `npm run db:schema` after changing them)', async () => {
      const database = await createTestDatabase();
      try {
        expect(await dumpSchema(database.url ?? '')).toBe(await readFile(SCHEMA_DUMP_FILE, 'utf8'));
      } finally {
        await database.dispose();
      }
    });
  },
);
