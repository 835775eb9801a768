import { expect } from 'vitest';
import { type LiveServer, type Peer, sample, startLiveServer, TestAgent } from '../../../server/test/live-server.ts';

const FINGERPRINT = 'cd'.repeat(32);
const MIB = 1024 * 1024;

export interface Platform {
  server: LiveServer;
  owner: string;
  companyId: string;
  projectA: string;
  projectB: string;
  source: TestAgent;
  destination: TestAgent;
  /** Approved but never connected: offline. */
  spare: TestAgent;
  /** In project B. */
  elsewhere: TestAgent;
  sockets: Peer[];
  keys: { full: string; readOnly: string; onlyProjectA: string };
  failedTransferId: string;
  slowTransferId: string;
  close(): Promise<void>;
}

async function api(server: LiveServer, token: string, method: string, path: string, body?: unknown) {
  const response = await server.request(method, path, { token, body });
  expect(response.status, `${method} ${path}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
  return response.body;
}

/**
 * A real control plane with real data: two projects, agents that speak the protocol (telemetry,
 * a data channel, transfer outcomes), an offline agent, finished and failed transfers, and API
 * keys of different reach.
 */
export async function startPlatform(): Promise<Platform> {
  const server = await startLiveServer();
  const signup = await server.request('POST', '/api/v1/auth/signup', {
    body: { email: 'ops@mcp.test', password: 'correct horse battery', companyName: 'Assisted' },
  });
  const owner: string = signup.body.accessToken;
  const companyId: string = signup.body.company.id;
  await server.sql(`update subscriptions set plan_id = 'enterprise' where company_id = $1`, [companyId]);
  const projectA = (await api(server, owner, 'POST', '/api/v1/projects', { name: 'alpha' })).id;
  const projectB = (await api(server, owner, 'POST', '/api/v1/projects', { name: 'bravo' })).id;

  const enrol = async (projectId: string, name: string) => {
    const token = await api(server, owner, 'POST', `/api/v1/projects/${projectId}/enrolment-tokens`, {
      preApproved: true,
    });
    const agent = await TestAgent.create();
    expect((await agent.enrol(server, token.secret, name)).status).toBe(201);
    return agent;
  };
  const source = await enrol(projectA, 'source');
  const destination = await enrol(projectA, 'destination');
  const spare = await enrol(projectA, 'spare');
  const elsewhere = await enrol(projectB, 'elsewhere');

  const sourceSocket = await source.connect(server);
  await sourceSocket.waitFor((m) => m.type === 'hello');
  const destinationSocket = await destination.connect(server);
  await destinationSocket.waitFor((m) => m.type === 'hello');
  destinationSocket.send({ type: 'data_channel', port: 7443, fingerprint: FINGERPRINT });

  // A busy machine, short of disk, seen over the last minutes.
  const now = Date.now();
  const samples = Array.from({ length: 20 }, (_, i) =>
    sample(i + 1, now - (20 - i) * 15_000, { cpuPct: 95, diskFreeBytes: 100 * MIB, rttMs: 40, throughputBps: MIB }),
  );
  sourceSocket.send({ type: 'telemetry', samples });
  await sourceSocket.waitFor((m) => m.type === 'ack' && m.upToSeq === 20);

  const runTransfer = async (outcome: Record<string, unknown>) => {
    const created = await api(server, owner, 'POST', `/api/v1/projects/${projectA}/transfers`, {
      sourceAgentId: source.agentId,
      sourcePaths: ['data/set.bin'],
      destinationAgentId: destination.agentId,
      destinationDir: 'incoming',
      maxAttempts: 1,
    });
    await sourceSocket.waitFor((m) => m.type === 'command' && m.args?.transferId === created.id);
    sourceSocket.send({ type: 'transfer_outcome', transferId: created.id, ...outcome });
    for (let i = 0; i < 100; i++) {
      const { transfers } = await api(server, owner, 'GET', `/api/v1/projects/${projectA}/transfers`);
      if (transfers.some((t: { id: string; state: string }) => t.id === created.id && t.state === outcome.state)) {
        return created.id as string;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`transfer ${created.id} never reached ${outcome.state}`);
  };
  // 10 MiB in 20 s with 1 MiB sent twice: a slow and lossy path.
  const slowTransferId = await runTransfer({
    state: 'succeeded',
    files: [{ path: 'data/set.bin', size: 10 * MIB, sha256: 'a'.repeat(64), status: 'done', error: null }],
    stats: { bytesTotal: 10 * MIB, bytesSent: 10 * MIB, bytesResent: MIB, bytesResumed: 0, durationMs: 20_000 },
  });
  const failedTransferId = await runTransfer({
    state: 'failed',
    reason: 'disk full on the destination',
    retryable: false,
  });

  const key = async (name: string, scopes: string[], projectIds?: string[]) =>
    (await api(server, owner, 'POST', '/api/v1/api-keys', { name, scopes, ...(projectIds ? { projectIds } : {}) }))
      .secret as string;
  const allScopes = [
    'projects:read',
    'agents:read',
    'agents:write',
    'transfers:read',
    'transfers:write',
    'jobs:read',
    'jobs:write',
    'alerts:read',
    'alerts:write',
    'audit:read',
    'company:read',
    'storage:read',
  ];
  const keys = {
    full: await key('assistant', allScopes),
    readOnly: await key('read only', ['projects:read', 'agents:read', 'transfers:read']),
    onlyProjectA: await key('alpha only', allScopes, [projectA]),
  };
  const sockets = [sourceSocket, destinationSocket];
  return {
    server,
    owner,
    companyId,
    projectA,
    projectB,
    source,
    destination,
    spare,
    elsewhere,
    sockets,
    keys,
    failedTransferId,
    slowTransferId,
    async close() {
      for (const socket of sockets) socket.close();
      await server.close();
    },
  };
}
