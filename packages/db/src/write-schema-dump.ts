/** `npm run db:schema`: migrate a scratch PostgreSQL database and write packages/db/schema.sql. */
import { writeFile } from 'node:fs/promises';
import { dumpSchema, SCHEMA_DUMP_FILE } from './schema-dump.ts';
import { createTestDatabase, prepareTestTemplates } from './testing.ts';

process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
const teardown = await prepareTestTemplates();
const scratch = await createTestDatabase('postgres');
try {
  await writeFile(SCHEMA_DUMP_FILE, await dumpSchema(scratch.url ?? ''));
  console.log(`wrote ${SCHEMA_DUMP_FILE.pathname}`);
} finally {
  await scratch.dispose();
  await teardown();
}
