import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveServer, type Peer, signUpWithProject, startLiveServer, TestAgent } from './live-server.ts';

/**
 * Where a source connects, and what the destination is told: the data-channel host is the address
 * the server sees or one an administrator set (never what the agent says about itself); each
 * attempt has its own token; a canceled transfer and a revoked source are named to the destination.
 */
describe('transfer endpoints and stops', () => {
  let server: LiveServer;
  let owner: { token: string; projectId: string; companyId: string };
  let source: TestAgent;
  let destination: TestAgent;
  let sourceSocket: Peer;
  let destinationSocket: Peer;

  const agentPath = (agent: TestAgent) => `/api/v1/projects/${owner.projectId}/agents/${agent.agentId}`;
  const transfers = (suffix = '') => `/api/v1/projects/${owner.projectId}/transfers${suffix}`;
  async function startTransfer() {
    const created = await server.request('POST', transfers(), {
      token: owner.token,
      body: {
        sourceAgentId: source.agentId,
        sourcePaths: ['data/x.bin'],
        destinationAgentId: destination.agentId,
        destinationDir: 'in',
      },
    });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    const command = await sourceSocket.waitFor(
      (m) => m.type === 'command' && m.name === 'transfer.start' && m.args.transferId === id,
    );
    return { id, command };
  }
  /** Ends a started transfer, so the agents' four slots stay free. */
  const finish = (id: string) =>
    sourceSocket.send({ type: 'transfer_outcome', transferId: id, state: 'succeeded', files: [] });

  beforeAll(async () => {
    server = await startLiveServer();
    owner = await signUpWithProject(server, 'endpoints');
    const enrolment = await server.request('POST', `/api/v1/projects/${owner.projectId}/enrolment-tokens`, {
      token: owner.token,
      body: { reusable: true, preApproved: true },
    });
    source = await TestAgent.create();
    destination = await TestAgent.create();
    await source.enrol(server, enrolment.body.secret, 'source');
    await destination.enrol(server, enrolment.body.secret, 'destination');
    sourceSocket = await source.connect(server);
    destinationSocket = await destination.connect(server);
    await destinationSocket.waitFor((m) => m.type === 'hello');
  });
  afterAll(async () => {
    sourceSocket?.close();
    destinationSocket?.close();
    await server?.close();
  });

  it('refuses a host the agent announces and sends sources to the address the server sees', async () => {
    const fingerprint = 'ab'.repeat(32);
    destinationSocket.send({ type: 'data_channel', port: 7443, fingerprint, host: '169.254.169.254' });
    const refused = await destinationSocket.waitFor((m) => m.type === 'error');
    expect(refused).toEqual({ type: 'error', code: 'bad_message', message: expect.stringMatching(/host/) });
    destinationSocket.send({ type: 'data_channel', port: 7443, fingerprint });
    const { id, command } = await startTransfer();
    expect(command.args.destination).toEqual({ host: '127.0.0.1', port: 7443, fingerprint });
    finish(id);
  });

  it('sends sources to the host an administrator set, checked and audited', async () => {
    const unsafe = [
      '169.254.169.254',
      '::ffff:169.254.169.254',
      'fe80::1',
      '0.0.0.0',
      '224.0.0.1',
      'a b',
      '10.0.0.1.2',
    ];
    for (const dataHost of unsafe) {
      const response = await server.request('PATCH', agentPath(destination), {
        token: owner.token,
        body: { dataHost },
      });
      expect(response.status, dataHost).toBe(400);
      expect(response.body.error.message, dataHost).toMatch(/dataHost must be a hostname or an IP address/);
    }
    const set = await server.request('PATCH', agentPath(destination), {
      token: owner.token,
      body: { dataHost: 'Receiver.Example.NET' },
    });
    expect(set.status).toBe(200);
    expect(set.body.dataHost).toBe('receiver.example.net');
    const viaSet = await startTransfer();
    expect(viaSet.command.args.destination.host).toBe('receiver.example.net');
    finish(viaSet.id);
    const [audit] = await server.sql<{ details: Record<string, unknown> }>(
      `select details from audit_log where action = 'agent.updated' and target_id = $1 order by id desc limit 1`,
      [destination.agentId],
    );
    expect(audit?.details).toEqual({ dataHost: 'receiver.example.net', previousDataHost: null });

    const cleared = await server.request('PATCH', agentPath(destination), {
      token: owner.token,
      body: { dataHost: null },
    });
    expect(cleared.body.dataHost).toBeNull();
    const viaSeen = await startTransfer();
    expect(viaSeen.command.args.destination.host).toBe('127.0.0.1');
    finish(viaSeen.id);
  });

  it('gives each attempt its own short-lived token and names the attempt when it stops', async () => {
    const { id, command } = await startTransfer();
    const first = decodeJwt(command.args.token);
    expect(first).toMatchObject({ aud: destination.agentId, att: expect.any(Number), jti: `${id}:${first.att}` });
    await server.request('POST', transfers(`/${id}/pause`), { token: owner.token });
    const paused = await destinationSocket.waitFor(
      (m) => m.type === 'command' && m.name === 'transfer.pause' && m.args.transferId === id,
    );
    expect(paused.args).toEqual({ transferId: id, attempt: first.att });
    await server.request('POST', transfers(`/${id}/resume`), { token: owner.token });
    const resumed = await sourceSocket.waitFor(
      (m) => m.type === 'command' && m.name === 'transfer.start' && m.args.transferId === id && m !== command,
    );
    const second = decodeJwt(resumed.args.token);
    expect(second).toMatchObject({ att: (first.att as number) + 1, jti: `${id}:${(first.att as number) + 1}` });
    await server.request('POST', transfers(`/${id}/cancel`), { token: owner.token });
    const canceled = await destinationSocket.waitFor(
      (m) => m.type === 'command' && m.name === 'transfer.cancel' && m.args.transferId === id,
    );
    expect(canceled.args).toEqual({ transferId: id, attempt: second.att });
  });

  it("tells the project's other agents when an agent is revoked", async () => {
    const revoked = await server.request('POST', `${agentPath(source)}/revoke`, { token: owner.token });
    expect(revoked.status).toBe(200);
    const told = await destinationSocket.waitFor((m) => m.type === 'command' && m.name === 'agent.revoked');
    expect(told.args).toEqual({ agentId: source.agentId });
  });
});

describe('the data-channel host behind proxies of ours', () => {
  it("is the address our proxy saw (TRUST_PROXY_HOPS), not what the agent's side of the header says", async () => {
    const server = await startLiveServer({ TRUST_PROXY_HOPS: '1' });
    const sockets: Peer[] = [];
    try {
      const owner = await signUpWithProject(server, 'proxied');
      const enrolment = await server.request('POST', `/api/v1/projects/${owner.projectId}/enrolment-tokens`, {
        token: owner.token,
        body: { reusable: true, preApproved: true },
      });
      const [source, destination] = [await TestAgent.create(), await TestAgent.create()];
      await source.enrol(server, enrolment.body.secret, 'source');
      await destination.enrol(server, enrolment.body.secret, 'destination');
      const sourceSocket = await source.connect(server);
      // The agent wrote the first entry (a metadata address); our proxy appended the one it saw.
      const destinationSocket = await destination.connect(server, { 'x-forwarded-for': '169.254.169.254, 10.9.8.7' });
      sockets.push(sourceSocket, destinationSocket);
      await destinationSocket.waitFor((m) => m.type === 'hello');
      const fingerprint = 'cd'.repeat(32);
      destinationSocket.send({ type: 'data_channel', port: 7443, fingerprint });
      const created = await server.request('POST', `/api/v1/projects/${owner.projectId}/transfers`, {
        token: owner.token,
        body: {
          sourceAgentId: source.agentId,
          sourcePaths: ['data/x.bin'],
          destinationAgentId: destination.agentId,
          destinationDir: 'in',
        },
      });
      expect(created.status).toBe(201);
      const command = await sourceSocket.waitFor((m) => m.type === 'command' && m.name === 'transfer.start');
      expect(command.args.destination).toEqual({ host: '10.9.8.7', port: 7443, fingerprint });
    } finally {
      for (const socket of sockets) socket.close();
      await server.close();
    }
  });
});
