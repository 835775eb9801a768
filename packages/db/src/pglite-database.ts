import { PGlite } from '@electric-sql/pglite';
import { asTenantQueryable, type Claims, claimsSetupSql, type Database, type Queryable } from './database.ts';
import { toDatabaseError } from './database-error.ts';

export interface PgliteOptions {
  /** Folder that keeps the data; omit for an in-memory database. */
  dataDir?: string;
  /** A dump made by `dumpDataDir`, to start from a migrated template. */
  loadDataDir?: Blob | File;
}

/** PGlite is one connection: its transactions queue, which suits an embedded single node. */
export interface PgliteDatabase extends Database {
  /** The whole data folder as a tarball, to seed other instances (test templates). */
  dump(): Promise<Blob>;
}

export async function createPgliteDatabase(options: PgliteOptions = {}): Promise<PgliteDatabase> {
  const pglite = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  // PGlite parses timestamptz into Date; normalise to ISO strings like the pg adapter.
  const normalise = (row: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(row)) {
      if (value instanceof Date) row[key] = value.toISOString();
      else if (typeof value === 'bigint') row[key] = Number(value);
    }
    return row;
  };

  async function inTransaction<T>(setupSql: string, work: (tx: Queryable) => Promise<T>) {
    try {
      return await pglite.transaction(async (inner) => {
        if (setupSql) await inner.exec(setupSql);
        const tx: Queryable = {
          async query(sql, params) {
            try {
              const result = await inner.query(sql, params as unknown[] | undefined);
              return result.rows.map((row) => normalise(row as Record<string, unknown>)) as never;
            } catch (error) {
              throw toDatabaseError(error);
            }
          },
          async exec(sql) {
            try {
              await inner.exec(sql);
            } catch (error) {
              throw toDatabaseError(error);
            }
          },
        };
        return work(tx);
      });
    } catch (error) {
      throw toDatabaseError(error);
    }
  }

  return {
    kind: 'pglite',
    withClaims: (claims: Claims, work) => inTransaction(claimsSetupSql(claims), (tx) => work(asTenantQueryable(tx))),
    unsafeAsOwner: (work) => inTransaction('', work),
    close: () => pglite.close(),
    dump: () => pglite.dumpDataDir('none'),
  };
}
