import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveServer, signUpWithProject, startLiveServer, TestAgent } from './live-server.ts';
import { waitUntil } from './wait-until.ts';

/**
 * A control plane killed while an agent was connected leaves that agent "online" with nobody
 * holding it. When the presence sweep finds it gone, what it was running waits for it, as if it
 * had closed its connection: before, such a transfer stayed "running" while its destination was
 * cut off (a partition during a restart), and the page never said what it waited for.
 */
describe('an agent swept offline', () => {
  let server: LiveServer;
  let token: string;
  let projectId: string;

  beforeAll(async () => {
    server = await startLiveServer({ HEARTBEAT_SECONDS: '1' });
    ({ token, projectId } = await signUpWithProject(server, 'sweep'));
  });
  afterAll(async () => {
    await server?.close();
  });

  it('has its running transfers wait for it, without using an attempt', async () => {
    const enrolment = await server.request('POST', `/api/v1/projects/${projectId}/enrolment-tokens`, {
      token,
      body: { reusable: true, preApproved: true },
    });
    const source = await TestAgent.create();
    const destination = await TestAgent.create();
    await source.enrol(server, enrolment.body.secret, 'source');
    await destination.enrol(server, enrolment.body.secret, 'destination');
    const created = await server.request('POST', `/api/v1/projects/${projectId}/transfers`, {
      token,
      body: {
        sourceAgentId: source.agentId,
        sourcePaths: ['data'],
        destinationAgentId: destination.agentId,
        destinationDir: 'incoming',
      },
    });
    expect(created.status).toBe(201);
    // What a node that died leaves behind: the destination "online", last seen a while ago, and
    // the transfer running on its first attempt.
    await server.sql(`update agents set online = true, last_seen_at = now() - interval '1 hour' where id = $1`, [
      destination.agentId,
    ]);
    await server.sql(
      `update transfers set state = 'running', attempts = 1, attempt_seq = 1, started_at = now() where id = $1`,
      [created.body.id],
    );

    const waiting = await waitUntil(
      'the transfer to wait for its destination',
      async () => {
        const { body } = await server.request('GET', `/api/v1/projects/${projectId}/transfers/${created.body.id}`, {
          token,
        });
        return body.transfer.state === 'queued' && body.transfer;
      },
      15_000,
    );
    // Neither agent is connected (the node died with both): it waits for one, then names the source.
    expect(waiting.waitingFor).toMatch(/^the (source|destination) agent is offline$/);
    expect(waiting.attempts).toBe(0);
    const [agent] = await server.sql<{ online: boolean }>('select online from agents where id = $1', [
      destination.agentId,
    ]);
    expect(agent?.online).toBe(false);

    // The source comes back and says it still runs the transfer: it stays waiting, for the destination now.
    const socket = await source.connect(server);
    await socket.waitFor((message) => message.type === 'hello');
    socket.send({ type: 'transfer_reconcile', transfers: [{ transferId: created.body.id, state: 'running' }] });
    await socket
      .waitFor((message) => message.type === 'transfer_ack' || message.type === 'error', 2000)
      .catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const { body } = await server.request('GET', `/api/v1/projects/${projectId}/transfers/${created.body.id}`, {
      token,
    });
    expect(body.transfer).toMatchObject({ state: 'queued', waitingFor: 'the destination agent is offline' });
    socket.close();
  });
});
