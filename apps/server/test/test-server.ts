import { randomBytes } from 'node:crypto';
import type { Database } from '@tcpa/db';
import { createTestDatabase, type TestDatabase } from '@tcpa/db/testing';
import type { Hono } from 'hono';
import { createApp } from '../src/app.ts';
import { createAccessTokens } from '../src/auth/access-tokens.ts';
import { createSecretBox } from '../src/auth/secret-box.ts';
import { secretKeySourceOf } from '../src/auth/secret-key.ts';
import { loadSigningKeysAsService } from '../src/auth/signing-keys.ts';
import { parseConfig } from '../src/config/env.ts';
import { createServerDeps } from '../src/create-server-deps.ts';
import { createLogger } from '../src/http/logger.ts';
import { VERSION } from '../src/server.ts';
import type { ServerDeps } from '../src/server-deps.ts';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface TestServer {
  app: Hono;
  deps: ServerDeps;
  testDatabase: TestDatabase;
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<ApiResponse<T>>;
  /** Runs SQL as the table owner, outside RLS: for setting up and inspecting state. */
  sql<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

/** A TCPA_SECRET_KEY for one test's server, so tests write no key file. */
export const newSecretKey = () => randomBytes(32).toString('base64');

/**
 * The real app, in process, on its own fresh database (PGlite or PostgreSQL per TEST_DB_KIND).
 * `observeDatabase` may wrap the database the app uses, to watch its transactions.
 */
export async function createTestServer(
  env: Record<string, string> = {},
  options: { observeDatabase?: (database: Database) => Database } = {},
): Promise<TestServer> {
  const testDatabase = await createTestDatabase();
  const config = parseConfig({ LOG_LEVEL: 'silent', TRUST_PROXY_HOPS: '1', TCPA_SECRET_KEY: newSecretKey(), ...env });
  const database = options.observeDatabase?.(testDatabase.database) ?? testDatabase.database;
  const keys = await loadSigningKeysAsService(database, secretKeySourceOf(config));
  const tokens = await createAccessTokens(keys, config.ACCESS_TOKEN_TTL_SECONDS);
  // No agent connects to this server, and nothing follows the bus: created transfers stay queued.
  const { deps } = createServerDeps({
    database,
    config,
    tokens,
    secretBox: createSecretBox(keys.secretKey),
    log: createLogger(config.LOG_LEVEL),
    version: VERSION,
  });
  const app = createApp(deps);
  return {
    app,
    deps,
    testDatabase,
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let body: string | undefined;
      if (options.rawBody !== undefined) body = options.rawBody;
      else if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      const response = await app.request(path, { method, headers, ...(body === undefined ? {} : { body }) });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, body: parsed as never, headers: response.headers };
    },
    sql: (text, params) => testDatabase.database.unsafeAsOwner((tx) => tx.query(text, params)),
    close: () => testDatabase.dispose(),
  };
}
