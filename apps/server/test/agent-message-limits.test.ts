import { CloseCode } from '@tcpa/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveServer, type Peer, signUpWithProject, startLiveServer, TestAgent } from './live-server.ts';
import { waitUntil } from './wait-until.ts';

/**
 * What one agent's connection may cost the control plane: a bounded rate of messages, and no
 * database write for reports about transfers it was not told to run.
 */
describe('agent message limits', () => {
  let server: LiveServer;
  let owner: { token: string; projectId: string };
  const sockets: Peer[] = [];

  const progress = (transferId: string) => ({
    type: 'transfer_progress',
    transferId,
    bytesDone: 1,
    bytesTotal: 2,
    filesDone: 0,
    filesTotal: 1,
    rateBps: 8,
  });

  async function agent(preApproved: boolean) {
    const enrolment = await server.request('POST', `/api/v1/projects/${owner.projectId}/enrolment-tokens`, {
      token: owner.token,
      body: { preApproved },
    });
    const identity = await TestAgent.create();
    await identity.enrol(server, enrolment.body.secret);
    const socket = await identity.connect(server);
    sockets.push(socket);
    await socket.waitFor((m) => m.type === 'hello');
    return { identity, socket };
  }

  /** UPDATE statements run on transfers since the last call (a statement trigger counts even those matching no row). */
  async function transferUpdates(): Promise<number> {
    return (await server.sql('delete from test_transfer_updates returning 1')).length;
  }
  /** Waits until what a connection sets off (its queued transfers looked at) is done: no UPDATE for 300 ms. */
  async function settle() {
    do await new Promise((resolve) => setTimeout(resolve, 300));
    while ((await transferUpdates()) > 0);
  }

  beforeAll(async () => {
    server = await startLiveServer();
    owner = await signUpWithProject(server, 'limits');
    await server.sql(`create table test_transfer_updates (at timestamptz default now())`);
    await server.sql(`create function test_count_transfer_update() returns trigger language plpgsql security definer as $$
      begin insert into test_transfer_updates default values; return null; end $$`);
    await server.sql(`create trigger test_count_transfer_update after update on transfers
      for each statement execute function test_count_transfer_update()`);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server?.close();
  });

  it('closes a socket that floods the server, saying why', async () => {
    const { socket } = await agent(true);
    for (let i = 0; i < 2000; i++) socket.send({ type: 'pong', id: i });
    expect(await socket.waitForClose(10_000)).toBe(CloseCode.tooManyMessages);
    expect(socket.closeReason).toBe('more than 100 messages a second');
  });

  it('writes nothing for progress and outcomes of transfers the agent was not told to run', async () => {
    const { socket } = await agent(true);
    await settle();
    for (let i = 0; i < 200; i++) socket.send(progress(crypto.randomUUID()));
    socket.send({ type: 'transfer_outcome', transferId: crypto.randomUUID(), state: 'failed', reason: 'x' });
    socket.send({ type: 'ping', id: 1 });
    await socket.waitFor((m) => m.type === 'pong' && m.id === 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await transferUpdates()).toBe(0);
    expect(server.current.transfers.startedCount).toBe(0);
    // The counter does count statements that change no row.
    await server.sql('update transfers set updated_at = now() where false');
    expect(await transferUpdates()).toBe(1);
    expect(socket.closeCode).toBeUndefined();
  });

  it('forgets a started transfer when it ends and when its agent leaves', async () => {
    const source = await agent(true);
    const destination = await agent(true);
    destination.socket.send({ type: 'data_channel', port: 7443, fingerprint: 'ab'.repeat(32) });
    const start = async () => {
      const created = await server.request('POST', `/api/v1/projects/${owner.projectId}/transfers`, {
        token: owner.token,
        body: {
          sourceAgentId: source.identity.agentId,
          sourcePaths: ['data/x'],
          destinationAgentId: destination.identity.agentId,
          destinationDir: 'in',
        },
      });
      await source.socket.waitFor((m) => m.type === 'command' && m.args.transferId === created.body.id);
      return created.body.id as string;
    };
    const first = await start();
    expect(server.current.transfers.startedCount).toBe(1);
    source.socket.send({ type: 'transfer_outcome', transferId: first, state: 'succeeded', files: [] });
    await waitUntil('the outcome', async () => server.current.transfers.startedCount === 0);
    const second = await start();
    expect(server.current.transfers.startedCount).toBe(1);
    source.socket.close();
    await waitUntil('the agent to be gone', async () => server.current.transfers.startedCount === 0);
    // Nothing left queued: the dispatcher's periodic pass would write waiting reasons.
    await server.request('POST', `/api/v1/projects/${owner.projectId}/transfers/${second}/cancel`, {
      token: owner.token,
    });
  });

  it("ignores a pending agent's transfer messages", async () => {
    const { identity, socket } = await agent(false);
    await settle();
    socket.send({ type: 'data_channel', port: 7443, fingerprint: 'ab'.repeat(32) });
    for (let i = 0; i < 20; i++) socket.send(progress(crypto.randomUUID()));
    socket.send({ type: 'ping', id: 2 });
    await socket.waitFor((m) => m.type === 'pong' && m.id === 2);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await transferUpdates()).toBe(0);
    const [row] = await server.sql<{ data_port: number | null }>('select data_port from agents where id = $1', [
      identity.agentId,
    ]);
    expect(row?.data_port).toBeNull();
  });
});
