import type { Database } from './database.ts';
import { createPgliteDatabase } from './pglite-database.ts';
import { createPostgresDatabase } from './postgres-database.ts';

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
  return createPgliteDatabase({ dataDir: options.dataDir });
}
