import { lockDataFolder } from './data-folder-lock.ts';
import type { Database } from './database.ts';
import { createPgliteDatabase } from './pglite-database.ts';
import { createPostgresDatabase } from './postgres-database.ts';
import { ensurePrivateFolder, restrictFolder } from './private-folder.ts';

export interface OpenDatabaseOptions {
  /** A PostgreSQL URL; without it the embedded PGlite keeps data in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
  maxConnections?: number;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    return createPostgresDatabase({
      connectionString: options.databaseUrl,
      ...(options.maxConnections ? { maxConnections: options.maxConnections } : {}),
    });
  }
  // The folder is private (0700) before PGlite writes into it. PGlite's first start unpacks
  // ~970 files 0666 and every start rewrites pg_internal.init 0644 (measured with umask 077),
  // so what it wrote is narrowed after it opens and again after it closes.
  await ensurePrivateFolder(options.dataDir);
  const unlock = lockDataFolder(options.dataDir);
  let database: Database;
  try {
    database = await createPgliteDatabase({ dataDir: options.dataDir });
  } catch (error) {
    unlock();
    throw error;
  }
  await restrictFolder(options.dataDir);
  return {
    ...database,
    async close() {
      try {
        await database.close();
        await restrictFolder(options.dataDir);
      } finally {
        unlock();
      }
    },
  };
}
