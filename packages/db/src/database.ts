/**
 * One interface over PGlite (embedded) and PostgreSQL. Every tenant query goes through
 * `withClaims`, which runs it in a transaction as the non-owner role `tcpa_app` with the
 * caller's claims set, so row-level security applies whatever the SQL forgets.
 * `unsafeAsOwner` skips that and is for the few service paths that run before any caller
 * is known (sign-up, login, token refresh) or across tenants (migrations, jobs).
 */
export type DatabaseKind = 'pglite' | 'postgres';

export interface Claims {
  sub: string;
  company_id: string;
  api_key_id?: string | null;
}

export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** A tenant transaction that can, for a named service step, act as the owner without a second transaction. */
export interface TenantQueryable extends Queryable {
  unsafeAsOwner<T>(work: (owner: Queryable) => Promise<T>): Promise<T>;
}

export interface Database {
  readonly kind: DatabaseKind;
  withClaims<T>(claims: Claims, work: (tx: TenantQueryable) => Promise<T>): Promise<T>;
  unsafeAsOwner<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export const APP_ROLE = 'tcpa_app';

/**
 * Sets the claims and computes the caller's permissions once for the whole transaction
 * (`app.begin_request`, as the owner), then becomes the application role.
 */
export function claimsSetupSql(claims: Claims): string {
  const json = JSON.stringify(claims).replaceAll("'", "''");
  return `select app.begin_request('${json}'); set local role ${APP_ROLE}`;
}

export function asTenantQueryable(tx: Queryable): TenantQueryable {
  return {
    query: (sql, params) => tx.query(sql, params),
    exec: (sql) => tx.exec(sql),
    async unsafeAsOwner(work) {
      await tx.exec('reset role');
      try {
        const result = await work(tx);
        await tx.exec(`set local role ${APP_ROLE}`);
        return result;
      } catch (error) {
        await tx.exec(`set local role ${APP_ROLE}`).catch(() => undefined);
        throw error;
      }
    },
  };
}
