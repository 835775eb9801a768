import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveServer, type Peer, signUpWithProject, startLiveServer, TestAgent } from './live-server.ts';

/**
 * Text in realtime messages follows the same rules as text in HTTP bodies: an agent sending a
 * NUL byte, a control character or a lone surrogate is told which field is wrong, and nothing
 * reaches the database (where it failed, and was only logged: the agent never knew).
 */
describe('text in realtime messages', () => {
  let server: LiveServer;
  let socket: Peer;
  let agent: TestAgent;

  beforeAll(async () => {
    server = await startLiveServer();
    const { token, projectId } = await signUpWithProject(server, 'realtime-text');
    const enrolment = await server.request('POST', `/api/v1/projects/${projectId}/enrolment-tokens`, {
      token,
      body: { preApproved: true },
    });
    agent = await TestAgent.create();
    expect((await agent.enrol(server, enrolment.body.secret, 'texter')).status).toBe(201);
    socket = await agent.connect(server);
    await socket.waitFor((message) => message.type === 'hello');
  });
  afterAll(async () => {
    socket?.close();
    await server?.close();
  });

  const transferId = crypto.randomUUID();
  const decision = {
    seq: 0,
    at: new Date().toISOString(),
    from: { streams: 1, chunkSize: 4 * 1024 * 1024 },
    to: { streams: 2, chunkSize: 4 * 1024 * 1024 },
    throughputBps: 1000,
    baselineBps: null,
    rttMs: null,
    lossRate: null,
    reason: 'more streams\u0000',
  };
  const cases = [
    {
      name: 'a lone surrogate in a failure reason',
      message: { type: 'transfer_outcome', transferId, state: 'failed', reason: 'disk \ud800full' },
      refusal: /^message refused: reason: must be valid Unicode/,
    },
    {
      name: 'a NUL byte in a tuner decision',
      message: {
        type: 'transfer_progress',
        transferId,
        bytesDone: 0,
        bytesTotal: 1,
        filesDone: 0,
        filesTotal: 1,
        rateBps: 0,
        decisions: [decision],
      },
      refusal: /^message refused: decisions\.0\.reason: must not contain control characters/,
    },
    {
      name: 'text in the figures of an outcome',
      message: { type: 'transfer_outcome', transferId, state: 'succeeded', stats: { note: 'a\u0000b' } },
      refusal: /^message refused: stats\.note: /,
    },
  ];

  it.each(cases)('$name is refused with the field named', async ({ message, refusal }) => {
    const seen = socket.messages.length;
    socket.send(message);
    const answer = await socket.waitFor(
      (received) => socket.messages.indexOf(received) >= seen && received.type === 'error',
    );
    expect(answer).toEqual({ type: 'error', code: 'bad_message', message: expect.stringMatching(refusal) });
  });

  it('stores nothing of it, and the session goes on', async () => {
    const [row] = await server.sql<{ data_host: string | null }>('select data_host from agents where id = $1', [
      agent.agentId,
    ]);
    expect(row?.data_host ?? null).toBeNull();
    socket.send({ type: 'ping', id: 42 });
    expect(await socket.waitFor((received) => received.type === 'pong' && received.id === 42)).toBeTruthy();
  });
});
