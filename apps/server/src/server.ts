import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { migrate, openDatabase } from '@tcpa/db';
import { createApp } from './app.ts';
import { createAccessTokens } from './auth/access-tokens.ts';
import type { Config } from './config/env.ts';
import { createLogger } from './http/logger.ts';
import type { ServerDeps } from './server-deps.ts';

const VERSION = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export interface RunningServer {
  url: string;
  port: number;
  deps: ServerDeps;
  close(): Promise<void>;
}

/** Opens the database, migrates, builds the app and listens. */
export async function startServer(config: Config): Promise<RunningServer> {
  const log = createLogger(config.LOG_LEVEL);
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: resolve(config.TCPA_DATA_DIR),
    maxConnections: config.DATABASE_POOL_SIZE,
  });
  const { applied } = await migrate(database);
  if (applied.length > 0) log.info({ applied }, 'migrations applied');
  const tokens = await createAccessTokens(database, config.ACCESS_TOKEN_TTL_SECONDS);
  const deps: ServerDeps = { database, config, tokens, log, version: VERSION };
  const app = createApp(deps);
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST });
  await new Promise<void>((ready, fail) => {
    server.once('listening', ready);
    server.once('error', fail);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}`,
    port,
    deps,
    async close() {
      await new Promise<void>((done) => server.close(() => done()));
      await database.close();
    },
  };
}

export { VERSION };
