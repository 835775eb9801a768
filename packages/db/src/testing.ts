/**
 * Fresh databases for tests. A global setup migrates one template per engine; each test file
 * then gets its own copy (PGlite: loaded from the template's dump; PostgreSQL: CREATE DATABASE
 * … TEMPLATE), so tests never share rows and never wait for migrations.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Database, DatabaseKind } from './database.ts';
import { migrate } from './migrate.ts';
import { createPgliteDatabase } from './pglite-database.ts';
import { createPostgresDatabase } from './postgres-database.ts';

const PGLITE_TEMPLATE_ENV = 'TCPA_TEST_PGLITE_TEMPLATE';
const POSTGRES_TEMPLATE_ENV = 'TCPA_TEST_POSTGRES_TEMPLATE';

export interface TestDatabase {
  database: Database;
  kind: DatabaseKind;
  /** For PostgreSQL, the URL of this test's own database. */
  url: string | undefined;
  dispose(): Promise<void>;
}

export function testDatabaseKind(): DatabaseKind {
  return process.env.TEST_DB_KIND === 'postgres' ? 'postgres' : 'pglite';
}

function requirePostgresUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DB_KIND=postgres needs TEST_DATABASE_URL');
  return url;
}

function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: requirePostgresUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Called once per test run; returns the teardown. */
export async function prepareTestTemplates(): Promise<() => Promise<void>> {
  const cleanups: Array<() => Promise<void>> = [];
  const runId = `${process.pid}_${randomBytes(3).toString('hex')}`;

  const pglite = await createPgliteDatabase();
  await migrate(pglite);
  const dumpPath = join(tmpdir(), `tcpa-pglite-template-${runId}.tar`);
  await writeFile(dumpPath, Buffer.from(await (await pglite.dump()).arrayBuffer()));
  await pglite.close();
  process.env[PGLITE_TEMPLATE_ENV] = dumpPath;
  cleanups.push(() => rm(dumpPath, { force: true }));

  if (process.env.TEST_DATABASE_URL) {
    const template = `tcpa_template_${runId}`;
    await withAdminClient((client) => client.query(`create database ${template}`));
    const database = createPostgresDatabase({
      connectionString: databaseUrl(requirePostgresUrl(), template),
    });
    await migrate(database);
    await database.close();
    process.env[POSTGRES_TEMPLATE_ENV] = template;
    cleanups.push(() =>
      withAdminClient(async (client) => {
        const { rows } = await client.query<{ datname: string }>(
          `select datname from pg_database where datname like $1 or datname = $2`,
          [`tcpa_test_${runId}%`, template],
        );
        for (const { datname } of rows) {
          await client.query(`drop database if exists ${datname} with (force)`);
        }
      }),
    );
  }
  return async () => {
    for (const cleanup of cleanups) await cleanup();
  };
}

export async function createTestDatabase(kind = testDatabaseKind()): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const templatePath = process.env[PGLITE_TEMPLATE_ENV];
    const database = templatePath
      ? await createPgliteDatabase({ loadDataDir: new Blob([await readFile(templatePath)]) })
      : await createPgliteDatabase();
    if (!templatePath) await migrate(database);
    return { database, kind, url: undefined, dispose: () => database.close() };
  }

  const template = process.env[POSTGRES_TEMPLATE_ENV];
  const name = `tcpa_test_${template ? template.replace('tcpa_template_', '') : process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdminClient((client) =>
    client.query(template ? `create database ${name} template ${template}` : `create database ${name}`),
  );
  const url = databaseUrl(requirePostgresUrl(), name);
  const database = createPostgresDatabase({ connectionString: url });
  if (!template) await migrate(database);
  return {
    database,
    kind,
    url,
    async dispose() {
      await database.close();
      await withAdminClient((client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}
