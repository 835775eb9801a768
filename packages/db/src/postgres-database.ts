import { createHash } from 'node:crypto';
import pg from 'pg';
import { asTenantQueryable, type Claims, claimsSetupSql, type Database, type Queryable } from './database.ts';
import { toDatabaseError } from './database-error.ts';
import { timestamptzToIso } from './timestamptz.ts';

// Timestamps come back as ISO strings on both engines, and bigint counts as numbers.
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, timestamptzToIso);
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

const statementNames = new Map<string, string>();
/** Statements worth a cached plan; utility statements (DDL, SET) are sent unnamed. */
const PLANNABLE = /^\s*(select|insert|update|delete|with)\b/i;

function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) {
    name = `tcpa_${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`;
    statementNames.set(sql, name);
  }
  return name;
}

export interface PostgresOptions {
  connectionString: string;
  maxConnections?: number;
}

export function createPostgresDatabase(options: PostgresOptions): Database {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
  });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it on the next checkout.
  });

  async function inTransaction<T>(setupSql: string, work: (tx: Queryable) => Promise<T>) {
    const client = await pool.connect();
    // The pool listens for errors only on idle clients: a connection lost while checked out (the
    // database went away) would be an uncaught exception that ends the process. Its queries fail
    // on their own; the client is then discarded, not returned to the pool.
    let lost: Error | undefined;
    const onLost = (error: Error) => {
      lost = error;
    };
    client.on('error', onLost);
    const tx: Queryable = {
      async query(sql, params) {
        try {
          // Named statements are parsed and planned once per connection, then reused: with
          // row-level security, planning the policies costs more than running a small query.
          // That holds with or without parameters (the projects list has none).
          const result = PLANNABLE.test(sql)
            ? await client.query({ name: statementName(sql), text: sql, values: (params ?? []) as unknown[] })
            : await client.query(sql, params as unknown[] | undefined);
          return result.rows;
        } catch (error) {
          throw toDatabaseError(error);
        }
      },
      async exec(sql) {
        try {
          await client.query(sql);
        } catch (error) {
          throw toDatabaseError(error);
        }
      },
    };
    try {
      await client.query(`begin; ${setupSql}`);
      const result = await work(tx);
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw toDatabaseError(error);
    } finally {
      client.removeListener('error', onLost);
      client.release(lost);
    }
  }

  return {
    kind: 'postgres',
    withClaims: (claims: Claims, work) => inTransaction(claimsSetupSql(claims), (tx) => work(asTenantQueryable(tx))),
    unsafeAsOwner: (work) => inTransaction('', work),
    close: () => pool.end(),
  };
}
