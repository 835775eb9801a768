import { execFile } from 'node:child_process';
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import { promisify } from 'node:util';
import { CloseCode } from '@tcpa/contracts';
import { createPostgresDatabase } from '@tcpa/db';
import { createTestDatabase, type TestDatabase } from '@tcpa/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentBundle } from '../../../test/agent-bundle.ts';
import { parseConfig } from '../src/config/env.ts';
import { type RunningServer, startServer } from '../src/server.ts';
import { AgentProcesses } from './agent-processes.ts';
import { type LiveServer, signUpWithProject } from './live-server.ts';
import { newSecretKey } from './test-server.ts';
import { waitUntil } from './wait-until.ts';

const AGENT_CLI = agentBundle();
const run = promisify(execFile);

/** A TCP relay to PostgreSQL that a test can cut (refusing and dropping every connection) and restore. */
class CuttableRelay {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async open(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => {
      const upstream = tcpConnect(this.target);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('error', () => undefined);
        socket.on('close', () => {
          this.sockets.delete(socket);
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** PostgreSQL only: PGlite runs inside the server's process, so there is no connection to cut. */
describe.skipIf(!process.env.TEST_DATABASE_URL)('while the database is unreachable', () => {
  let testDatabase: TestDatabase;
  let relay: CuttableRelay;
  let running: RunningServer;
  let server: LiveServer;
  const agents = new AgentProcesses('tcpa-outage-');

  beforeAll(async () => {
    testDatabase = await createTestDatabase('postgres');
    const direct = new URL(testDatabase.url ?? '');
    relay = new CuttableRelay({ host: direct.hostname, port: Number(direct.port || 5432) });
    await relay.open();
    const viaRelay = new URL(direct);
    viaRelay.host = `127.0.0.1:${relay.port}`;
    const config = parseConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      HEARTBEAT_SECONDS: '1',
      TCPA_SECRET_KEY: newSecretKey(),
    });
    running = await startServer(config, {
      database: createPostgresDatabase({ connectionString: viaRelay.toString() }),
    });
    server = {
      url: running.url,
      async request(method: string, path: string, options: { token?: string; body?: unknown } = {}) {
        const response = await fetch(`${running.url}${path}`, {
          method,
          headers: {
            ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
            ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
        });
        const text = await response.text();
        return { status: response.status, body: text ? JSON.parse(text) : undefined };
      },
      sql: (text: string, params?: unknown[]) => testDatabase.database.unsafeAsOwner((tx) => tx.query(text, params)),
    } as unknown as LiveServer;
  });

  afterAll(async () => {
    await agents.removeAll();
    await relay?.open();
    await running?.close();
    await relay?.cut();
    await testDatabase?.dispose();
  });

  it('health answers 503 saying the database is down, agents are told to try later and connect once it is back', async () => {
    expect((await server.request('GET', '/api/v1/health')).status).toBe(200);
    const tenant = await signUpWithProject(server, 'outage');
    const root = await agents.tempDir();
    const { dir, agentId } = await agents.enrol(server, { ...tenant, name: 'outage', root });

    await relay.cut();
    const health = await server.request('GET', '/api/v1/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'degraded', database: { status: 'unreachable', latencyMs: null } });

    agents.start(dir);
    const status = async () =>
      JSON.parse((await run(process.execPath, [AGENT_CLI, 'status', '--state-dir', dir, '--json'])).stdout).runtime;
    const refused = await waitUntil('the agent turned away', async () => {
      const runtime = await status();
      return runtime?.lastCloseCode ? runtime : undefined;
    });
    expect(refused.lastCloseCode).toBe(CloseCode.tryAgainLater);
    expect(refused.lastCloseReason).toMatch(/try again later/);

    await relay.open();
    expect((await server.request('GET', '/api/v1/health')).status).toBe(200);
    await waitUntil('the agent connected', async () => (await status())?.connected === true, 40_000);
    const agent = await server.request('GET', `/api/v1/projects/${tenant.projectId}/agents/${agentId}`, {
      token: tenant.token,
    });
    expect(agent.body.online).toBe(true);
  }, 90_000);
});
