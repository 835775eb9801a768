/** The throwaway PostgreSQL database of one bench run, and owner-level SQL on it. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { z } from 'zod';
import { UsageError } from './cli.ts';

export const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

const PostgresUrlSchema = z.string().regex(/^postgres(ql)?:\/\/[^/]/, { error: 'must be a postgres:// URL' });

/**
 * Tables whose row-level security the "RLS off" run disables: projects, whose policy
 * GET /api/v1/projects evaluates, and the tables app.begin_request reads (as the owner, so
 * their own policies never apply: disabling these is for completeness).
 *
 * In the order a request locks them (begin_request, then the list): the ALTERs take their
 * locks in this order too, so requests still in flight when a run ends cannot deadlock them.
 */
export const RLS_TABLES = ['company_memberships', 'roles', 'api_keys', 'projects'] as const;

/** The cluster to use: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local default (empty = unset). */
export function serverUrlFromEnv(env: Record<string, string | undefined>): string {
  for (const name of ['BENCH_DATABASE_URL', 'TEST_DATABASE_URL'] as const) {
    const value = env[name];
    if (!value) continue;
    const parsed = PostgresUrlSchema.safeParse(value);
    if (!parsed.success) {
      throw new UsageError(`${name} ${parsed.error.issues[0]?.message ?? 'is invalid'} (got ${redact(value)})`);
    }
    return value;
  }
  return DEFAULT_SERVER_URL;
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparsable URL>';
  }
}

function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A connected client; connection failures get a hint on how to start the local cluster. */
export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => {
    // A dropped connection surfaces on the next query; do not crash on the idle event.
  });
  try {
    await client.connect();
    return client;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `cannot connect to PostgreSQL at ${redact(url)}: ${reason}\n` +
        '  Start the local cluster with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start\n' +
        '  or point BENCH_DATABASE_URL / TEST_DATABASE_URL at a server where you may create databases.',
    );
  }
}

async function onServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await connect(serverUrl);
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface BenchDatabase {
  name: string;
  url: string;
  /** DROP DATABASE … WITH (FORCE): also ends the server's pooled connections. */
  drop(): Promise<void>;
}

export async function createBenchDatabase(serverUrl: string): Promise<BenchDatabase> {
  const name = `tcpa_bench_${randomBytes(4).toString('hex')}`;
  await onServer(serverUrl, (client) => client.query(`create database ${name}`));
  return {
    name,
    url: withDatabase(serverUrl, name),
    async drop() {
      await onServer(serverUrl, (client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}

/** Lifts the project limit: sign-up starts every company on Free (1 project). */
export async function upgradeToEnterprise(owner: pg.Client): Promise<void> {
  const { rowCount } = await owner.query(`update subscriptions set plan_id = 'enterprise'`);
  if (rowCount !== 1) throw new Error(`expected exactly one subscription to upgrade, found ${rowCount}`);
}

export async function setRowLevelSecurity(owner: pg.Client, enabled: boolean): Promise<void> {
  const action = enabled ? 'enable' : 'disable';
  await owner.query(RLS_TABLES.map((table) => `alter table ${table} ${action} row level security;`).join('\n'));
}
