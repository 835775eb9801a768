import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { type Database, migrate, openDatabase } from '@tcpa/db';
import { createApp } from './app.ts';
import { type AccessTokens, createAccessTokens } from './auth/access-tokens.ts';
import { createSecretBox, type SecretBox } from './auth/secret-box.ts';
import { secretKeySourceOf } from './auth/secret-key.ts';
import { loadSigningKeysAsService } from './auth/signing-keys.ts';
import type { Config } from './config/env.ts';
import { createServerDeps } from './create-server-deps.ts';
import { JobScheduler } from './features/jobs/job-scheduler.ts';
import { jobRunChanged } from './features/jobs/jobs.sql.ts';
import { RealtimeHub } from './features/realtime/realtime-hub.ts';
import { TelemetryIngest, TelemetryRefusedError } from './features/telemetry/telemetry-ingest.ts';
import type { TransfersService } from './features/transfers/transfers.service.ts';
import { transferChanged } from './features/transfers/transfers.sql.ts';
import { createLogger } from './http/logger.ts';
import { startMaintenance } from './jobs/maintenance.ts';
import type { ServerDeps } from './server-deps.ts';

const VERSION = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export interface RunningServer {
  url: string;
  port: number;
  deps: ServerDeps;
  hub: RealtimeHub;
  ingest: TelemetryIngest;
  transfers: TransfersService;
  close(): Promise<void>;
}

/** Opens the database, migrates, builds the app and listens. */
export async function startServer(config: Config, options: { database?: Database } = {}): Promise<RunningServer> {
  const log = createLogger(config.LOG_LEVEL);
  // A database handed in belongs to the caller (tests restarting a server over the same data).
  const ownsDatabase = !options.database;
  const database =
    options.database ??
    (await openDatabase({
      databaseUrl: config.DATABASE_URL,
      dataDir: resolve(config.TCPA_DATA_DIR),
      maxConnections: config.DATABASE_POOL_SIZE,
    }));
  let tokens: AccessTokens;
  let secretBox: SecretBox;
  try {
    const { applied } = await migrate(database);
    if (applied.length > 0) log.info({ applied }, 'migrations applied');
    const keys = await loadSigningKeysAsService(database, secretKeySourceOf(config));
    if (keys.sealedNow > 0) log.info({ sealed: keys.sealedNow }, 'signing keys encrypted at rest');
    tokens = await createAccessTokens(keys, config.ACCESS_TOKEN_TTL_SECONDS);
    secretBox = createSecretBox(keys.secretKey);
  } catch (error) {
    if (ownsDatabase) await database.close();
    throw error;
  }
  // Listen before building the app: with PORT=0 the system picks the port, and links the server
  // hands out must name the real one from the first request on.
  const server = createServer();
  try {
    await new Promise<void>((ready, fail) => {
      server.once('listening', ready);
      server.once('error', fail);
      server.listen(config.PORT, config.HOST);
    });
  } catch (error) {
    if (ownsDatabase) await database.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const { deps, agents, transfers, cloud, notifications } = createServerDeps({
    database,
    config: { ...config, PORT: port },
    tokens,
    secretBox,
    log,
    version: VERSION,
  });
  const app = createApp(deps);
  const ingest = new TelemetryIngest({
    database,
    onError: (error) =>
      error instanceof TelemetryRefusedError
        ? log.warn({ agentId: error.agentId, sqlState: error.code }, 'telemetry of one agent refused by the database')
        : log.error({ err: error }, 'telemetry batch not stored; agents will resend'),
  });
  const stopFollowingTransfers = transfers.followTransferChanges((error) =>
    log.error({ err: error }, 'transfer bookkeeping failed'),
  );
  const hub = new RealtimeHub({
    database,
    bus: deps.bus,
    tokens,
    log,
    agents,
    ingest,
    transfers,
    cloud,
    heartbeatMs: config.HEARTBEAT_SECONDS * 1000,
    trustProxyHops: config.TRUST_PROXY_HOPS,
  });
  server.on('request', getRequestListener(app.fetch));
  hub.attach(server);
  const maintenance = startMaintenance(deps, transfers);
  const scheduler = new JobScheduler({
    database,
    onTransferQueued: (transfer) => deps.bus.publish(transferChanged(transfer)),
    onRunChanged: (run) => deps.bus.publish(jobRunChanged(run)),
    onError: (error) => log.warn({ err: error }, 'job scheduler tick failed'),
  });
  scheduler.start();
  notifications.start();
  return {
    url: `http://localhost:${port}`,
    port,
    deps,
    hub,
    ingest,
    transfers,
    async close() {
      maintenance.stop();
      await scheduler.stop();
      await notifications.stop();
      stopFollowingTransfers();
      const closed = new Promise<void>((done) => server.close(() => done()));
      await hub.close();
      await ingest.close();
      server.closeAllConnections();
      await closed;
      if (ownsDatabase) await database.close();
    },
  };
}

export { VERSION };
