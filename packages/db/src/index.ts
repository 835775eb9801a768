export { DataFolderInUseError } from './data-folder-lock.ts';
export type { Claims, Database, DatabaseKind, Queryable, TenantQueryable } from './database.ts';
export { APP_ROLE } from './database.ts';
export { DatabaseError } from './database-error.ts';
export { loadMigrations, migrate } from './migrate.ts';
export { openDatabase } from './open-database.ts';
export { createPgliteDatabase } from './pglite-database.ts';
export { createPostgresDatabase } from './postgres-database.ts';
export { ensurePrivateFolder, PrivateFolderError } from './private-folder.ts';
