import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransfersService } from '../src/features/transfers/transfers.service.ts';
import { type LiveServer, type Peer, signUpWithProject, startLiveServer, TestAgent } from './live-server.ts';
import { createProject, setPlan, signUp } from './people.ts';
import { createTestServer, type TestServer } from './test-server.ts';

/** One company's queue must not hold up another's: only what can run is read, and companies take turns. */
describe('transfer dispatch with a crowded queue', () => {
  let server: LiveServer;

  beforeAll(async () => {
    server = await startLiveServer();
  });
  afterAll(() => server?.close());

  async function enrolPair(token: string, projectId: string) {
    const enrolment = await server.request('POST', `/api/v1/projects/${projectId}/enrolment-tokens`, {
      token,
      body: { reusable: true, preApproved: true },
    });
    const source = await TestAgent.create();
    const destination = await TestAgent.create();
    await source.enrol(server, enrolment.body.secret, 'source');
    await destination.enrol(server, enrolment.body.secret, 'destination');
    return { source, destination };
  }

  it("starts another company's transfer while 120 high-priority ones wait for agents that never connect", async () => {
    const a = await signUpWithProject(server, 'crowd');
    const idle = await enrolPair(a.token, a.projectId);
    for (let i = 0; i < 120; i++) {
      const created = await server.request('POST', `/api/v1/projects/${a.projectId}/transfers`, {
        token: a.token,
        body: {
          sourceAgentId: idle.source.agentId,
          sourcePaths: [`data/${i}.bin`],
          destinationAgentId: idle.destination.agentId,
          destinationDir: 'incoming',
          priority: 9,
        },
      });
      expect(created.status).toBe(201);
    }

    const b = await signUpWithProject(server, 'quiet');
    const busy = await enrolPair(b.token, b.projectId);
    const sockets: Peer[] = [];
    try {
      const sourceSocket = await busy.source.connect(server);
      const destinationSocket = await busy.destination.connect(server);
      sockets.push(sourceSocket, destinationSocket);
      await destinationSocket.waitFor((m) => m.type === 'hello');
      destinationSocket.send({ type: 'data_channel', port: 7443, fingerprint: 'ab'.repeat(32) });
      const created = await server.request('POST', `/api/v1/projects/${b.projectId}/transfers`, {
        token: b.token,
        body: {
          sourceAgentId: busy.source.agentId,
          sourcePaths: ['data/b.bin'],
          destinationAgentId: busy.destination.agentId,
          destinationDir: 'incoming',
          priority: 0,
        },
      });
      const start = await sourceSocket.waitFor(
        (m) => m.type === 'command' && m.name === 'transfer.start' && m.args.transferId === created.body.id,
        10_000,
      );
      expect(start.args.sourcePaths).toEqual(['data/b.bin']);
    } finally {
      for (const socket of sockets) socket.close();
    }
    // Those that cannot run still say why.
    const reasons = await server.sql<{ state_reason: string; count: number }>(
      `select state_reason, count(*)::int as count from transfers where company_id = $1 group by state_reason`,
      [a.companyId],
    );
    expect(reasons).toEqual([{ state_reason: 'waiting for the source agent to come online', count: 120 }]);
  });
});

describe('transfer dispatch between two busy companies', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await createTestServer();
  });
  afterAll(() => server?.close());

  /** `pairs` source → destination agents, online with a data channel, each source with 4 queued transfers. */
  async function busyCompany(name: string, pairs: number, priority: number) {
    const owner = await signUp(server, `owner@${name}.test`, name);
    await setPlan(server, owner.companyId, 'enterprise');
    const projectId = await createProject(server, owner, name);
    const agents = await server.sql<{ id: string }>(
      `insert into agents (company_id, project_id, name, status, public_key, online, data_host, data_port, data_fingerprint)
       select $1, $2, 'agent-' || g, 'active', '{}', true, '127.0.0.1', 7443, repeat('ab', 32)
       from generate_series(1, $3::int * 2) g order by g returning id`,
      [owner.companyId, projectId, pairs],
    );
    const ids = agents.map((agent) => agent.id);
    const sources = ids.slice(0, pairs);
    await server.sql(
      `insert into transfers (company_id, project_id, source_agent_id, source_paths, destination_agent_id,
         destination_dir, overwrite, priority, max_attempts)
       select $1, $2, s.source, array['data/' || n], s.destination, 'in', 'overwrite', $5, 3
       from unnest($3::uuid[], $4::uuid[]) as s(source, destination), generate_series(1, 4) n`,
      [owner.companyId, projectId, sources, ids.slice(pairs), priority],
    );
    return { ids, sources: new Set(sources) };
  }

  it('shares each pass round-robin between companies, whatever their priorities', async () => {
    // 120 ready transfers each: more than one pass (100) starts.
    const high = await busyCompany('high', 30, 9);
    const low = await busyCompany('low', 30, 1);
    const commands: Array<{ agentId: string; name: string }> = [];
    const transfers = new TransfersService({
      database: server.deps.database,
      bus: server.deps.bus,
      tokens: server.deps.tokens,
      agents: {
        connectedAgentIds: () => [...high.ids, ...low.ids],
        send: (agentId, { name }) => commands.push({ agentId, name }) > 0,
      },
      cloudUploads: { abortUploadsAsService: async () => {} },
    });
    const perPass: Array<{ high: number; low: number }> = [];
    for (let pass = 0; pass < 3; pass++) {
      commands.length = 0;
      await transfers.dispatchAsService();
      const starts = commands.filter((command) => command.name === 'transfer.start');
      perPass.push({
        high: starts.filter((command) => high.sources.has(command.agentId)).length,
        low: starts.filter((command) => low.sources.has(command.agentId)).length,
      });
    }
    expect(perPass).toEqual([
      { high: 50, low: 50 },
      { high: 50, low: 50 },
      { high: 20, low: 20 },
    ]);
  });
});
