import { readdir, readFile } from 'node:fs/promises';
import type { Database } from './database.ts';

const MIGRATIONS_DIR = new URL('../migrations/', import.meta.url);
// Any fixed number: every migrator of this schema takes the same advisory lock.
const MIGRATION_LOCK_KEY = 7_270_001;

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

export async function loadMigrations(): Promise<Migration[]> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((file) => file.endsWith('.sql')).sort();
  return Promise.all(
    files.map(async (file) => {
      const match = /^(\d+)_(.+)\.sql$/.exec(file);
      if (!match?.[1] || !match[2]) throw new Error(`Migration file name must be NNN_name.sql: ${file}`);
      return {
        id: Number(match[1]),
        name: match[2],
        sql: await readFile(new URL(file, MIGRATIONS_DIR), 'utf8'),
      };
    }),
  );
}

/**
 * Applies pending migrations, each in its own transaction under an advisory lock, so two
 * servers starting at once apply each migration exactly once.
 */
export async function migrate(database: Database): Promise<{ applied: string[] }> {
  const migrations = await loadMigrations();
  const applied: string[] = [];
  for (const migration of migrations) {
    const ran = await database.unsafeAsOwner(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      await tx.query(`create table if not exists schema_migrations (
        id int primary key, name text not null, applied_at timestamptz not null default now())`);
      const done = await tx.query('select 1 from schema_migrations where id = $1', [migration.id]);
      if (done.length > 0) return false;
      await tx.exec(migration.sql);
      await tx.query('insert into schema_migrations (id, name) values ($1, $2)', [migration.id, migration.name]);
      return true;
    });
    if (ran) applied.push(`${migration.id}_${migration.name}`);
  }
  return { applied };
}
