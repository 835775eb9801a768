import { TransferActionSchema, TransferStateSchema, transferActions } from '@tcpa/contracts';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveServer, Peer, startLiveServer, TestAgent } from './live-server.ts';

/** Orchestration of transfers over the control channel, with agents that speak the protocol. */
describe('transfers', () => {
  let server: LiveServer;
  let owner: string;
  let projectId: string;
  let source: TestAgent;
  let destination: TestAgent;
  let sourceSocket: Peer;
  let watcher: Peer;

  const path = (suffix = '') => `/api/v1/projects/${projectId}/transfers${suffix}`;
  const create = (body: Record<string, unknown> = {}) =>
    server.request('POST', path(), {
      token: owner,
      body: {
        sourceAgentId: source.agentId,
        sourcePaths: ['data/big.bin'],
        destinationAgentId: destination.agentId,
        destinationDir: 'incoming',
        ...body,
      },
    });
  const FINGERPRINT = 'ab'.repeat(32);
  /** The destination connects and says where it receives (as tcpa-agent does on connect). */
  async function connectDestination() {
    const socket = await destination.connect(server);
    await socket.waitFor((m) => m.type === 'hello');
    socket.send({ type: 'data_channel', port: 7443, fingerprint: FINGERPRINT });
    return socket;
  }
  const startCommand = (socket: Peer, transferId: string) =>
    socket.waitFor((m) => m.type === 'command' && m.name === 'transfer.start' && m.args.transferId === transferId);

  beforeAll(async () => {
    server = await startLiveServer();
    const signup = await server.request('POST', '/api/v1/auth/signup', {
      body: { email: 'ops@transfers.test', password: 'correct horse battery', companyName: 'Movers' },
    });
    owner = signup.body.accessToken;
    await server.sql(`update subscriptions set plan_id = 'professional' where company_id = $1`, [
      signup.body.company.id,
    ]);
    projectId = (await server.request('POST', '/api/v1/projects', { token: owner, body: { name: 'moves' } })).body.id;
    const token = await server.request('POST', `/api/v1/projects/${projectId}/enrolment-tokens`, {
      token: owner,
      body: { reusable: true, preApproved: true },
    });
    source = await TestAgent.create();
    destination = await TestAgent.create();
    await source.enrol(server, token.body.secret, 'source');
    await destination.enrol(server, token.body.secret, 'destination');
    sourceSocket = await source.connect(server);
    await sourceSocket.waitFor((m) => m.type === 'hello');
    watcher = await Peer.open(server.url, owner);
    watcher.send({ type: 'subscribe', projectId });
    await watcher.waitFor((m) => m.type === 'subscribed');
  });
  afterAll(async () => {
    sourceSocket?.close();
    watcher?.close();
    await server?.close();
  });

  it('refuses unsafe paths, the same agent twice and unknown agents', async () => {
    const unsafe = await create({ sourcePaths: ['../etc/passwd'] });
    expect(unsafe.status).toBe(400);
    expect(unsafe.body.error.message).toMatch(/relative to the agent roots/);
    expect((await create({ destinationDir: '/abs' })).status).toBe(400);
    expect((await create({ destinationAgentId: source.agentId })).status).toBe(400);
    const unknown = await create({ destinationAgentId: crypto.randomUUID() });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe('Destination agent not found in this project');
  });

  it('waits for an offline destination with a reason, then starts with a signed transfer token', async () => {
    const created = await create();
    expect(created.status).toBe(201);
    const id = created.body.id;
    await watcher.waitFor(
      (m) =>
        m.type === 'transfer' &&
        m.transfer.id === id &&
        m.transfer.stateReason === 'waiting for the destination agent to come online',
    );
    const destinationSocket = await connectDestination();
    const command = await startCommand(sourceSocket, id);
    // The destination folder travels in the signed token only: the destination takes it from there.
    expect(command.args).toMatchObject({ sourcePaths: ['data/big.bin'], attempt: 1, overwrite: 'skip_identical' });
    expect(command.args).not.toHaveProperty('destinationDir');
    const jwks = createLocalJWKSet((await server.request('GET', '/.well-known/jwks.json')).body);
    const { payload, protectedHeader } = await jwtVerify(command.args.token, jwks);
    expect(protectedHeader.typ).toBe('tcpa-transfer+jwt');
    expect(payload).toMatchObject({
      tid: id,
      att: 1,
      jti: `${id}:1`,
      src: source.agentId,
      aud: destination.agentId,
      paths: ['data/big.bin'],
      dir: 'incoming',
    });
    // Minutes, not hours: a token that leaks is soon worth nothing.
    expect((payload.exp as number) - (payload.iat as number)).toBe(300);
    const running = await server.request('GET', path(`/${id}`), { token: owner });
    expect(running.body.transfer).toMatchObject({ state: 'running', attempts: 1, stateReason: null });

    // Progress reaches watchers (at most once a second per transfer), then the outcome.
    for (const bytesDone of [100, 200, 300]) {
      sourceSocket.send({
        type: 'transfer_progress',
        transferId: id,
        bytesDone,
        bytesTotal: 1000,
        filesDone: 0,
        filesTotal: 1,
        rateBps: 5000,
      });
    }
    const progress = await watcher.waitFor(
      (m) => m.type === 'transfer' && m.transfer.id === id && m.transfer.bytesDone > 0,
    );
    // 900 bytes left at 5,000 bit/s: 1.44 s, rounded up.
    expect(progress.transfer).toMatchObject({ bytesDone: 100, bytesTotal: 1000, rateBps: 5000, etaSeconds: 2 });
    sourceSocket.send({
      type: 'transfer_outcome',
      transferId: id,
      state: 'succeeded',
      files: [{ path: 'data/big.bin', size: 1000, sha256: 'a'.repeat(64), status: 'done', error: null }],
      stats: { streams: 4, chunkBytes: 4194304, averageBps: 5000 },
    });
    await watcher.waitFor((m) => m.type === 'transfer' && m.transfer.id === id && m.transfer.state === 'succeeded');
    const done = await server.request('GET', path(`/${id}`), { token: owner });
    expect(done.body.transfer).toMatchObject({ state: 'succeeded', stats: { streams: 4 } });
    expect(done.body.transfer.finishedAt).not.toBeNull();
    expect(done.body.files).toEqual([
      { path: 'data/big.bin', size: 1000, sha256: 'a'.repeat(64), status: 'done', error: null, sourceDeleted: false },
    ]);
    destinationSocket.close();
  });

  it('retries transient failures with backoff and gives up on permanent ones, saying why', async () => {
    const destinationSocket = await connectDestination();
    const id = (await create()).body.id;
    await startCommand(sourceSocket, id);
    sourceSocket.send({
      type: 'transfer_outcome',
      transferId: id,
      state: 'failed',
      reason: 'connection reset by peer',
      retryable: true,
    });
    const retrying = await watcher.waitFor(
      (m) => m.type === 'transfer' && m.transfer.id === id && /^attempt 1/.test(m.transfer.stateReason ?? ''),
    );
    expect(retrying.transfer.state).toBe('queued');
    expect(retrying.transfer.stateReason).toBe('attempt 1 of 3 failed (connection reset by peer); retrying in 5 s');

    const permanent = (await create()).body.id;
    await startCommand(sourceSocket, permanent);
    sourceSocket.send({
      type: 'transfer_outcome',
      transferId: permanent,
      state: 'failed',
      reason: 'disk full on the destination',
      retryable: false,
    });
    const failed = await watcher.waitFor(
      (m) => m.type === 'transfer' && m.transfer.id === permanent && m.transfer.state === 'failed',
    );
    expect(failed.transfer.stateReason).toBe('disk full on the destination');
    await server.request('POST', path(`/${id}/cancel`), { token: owner });
    destinationSocket.close();
  });

  it('waits out a passing failure without using attempts, saying what for, and gives up after the limit', async () => {
    const destinationSocket = await connectDestination();
    const id = (await create()).body.id;
    await startCommand(sourceSocket, id);
    const unreachable = {
      type: 'transfer_outcome',
      transferId: id,
      state: 'failed',
      reason: 'cannot reach 127.0.0.1:7443: connect ECONNREFUSED',
      retryable: true,
      waitingFor: 'the destination agent is unreachable',
    };
    sourceSocket.send(unreachable);
    const waiting = await watcher.waitFor(
      (m) => m.type === 'transfer' && m.transfer.id === id && m.transfer.waitingFor,
    );
    expect(waiting.transfer).toMatchObject({
      state: 'queued',
      attempts: 0,
      waitingFor: 'the destination agent is unreachable',
      stateReason: 'waiting: the destination agent is unreachable; retrying without using an attempt',
    });
    expect(Date.parse(waiting.transfer.waitingSince)).toBeGreaterThan(Date.now() - 60_000);

    // An hour (TRANSFER_TRANSIENT_RETRY_SECONDS) later it is still unreachable: the transfer fails, saying so.
    await server.sql(
      `update transfers set waiting_since = now() - interval '2 hours', next_attempt_at = now() where id = $1`,
      [id],
    );
    const isStart = (m: { type: string; name?: string; args?: { transferId?: string } }) =>
      m.type === 'command' && m.name === 'transfer.start' && m.args?.transferId === id;
    await sourceSocket.waitFor(() => sourceSocket.messages.filter(isStart).length === 2);
    sourceSocket.send(unreachable);
    const failed = await watcher.waitFor(
      (m) => m.type === 'transfer' && m.transfer.id === id && m.transfer.state === 'failed',
    );
    expect(failed.transfer).toMatchObject({ attempts: 1, waitingFor: null });
    expect(failed.transfer.stateReason).toBe(
      'the destination agent is unreachable for over 1 h (cannot reach 127.0.0.1:7443: connect ECONNREFUSED)',
    );
    destinationSocket.close();
  });

  it('explains when an agent cannot run transfers at all', async () => {
    const destinationSocket = await connectDestination();
    const id = (await create()).body.id;
    const command = await startCommand(sourceSocket, id);
    sourceSocket.send({
      type: 'command_result',
      commandId: command.commandId,
      ok: false,
      error: 'unknown command transfer.start',
    });
    const failed = await watcher.waitFor(
      (m) => m.type === 'transfer' && m.transfer.id === id && m.transfer.state === 'failed',
    );
    expect(failed.transfer.stateReason).toBe(
      'the source agent could not start the transfer: unknown command transfer.start',
    );
    destinationSocket.close();
  });

  it('pauses, resumes, cancels and retries, telling the agents', async () => {
    const destinationSocket = await connectDestination();
    const id = (await create()).body.id;
    await startCommand(sourceSocket, id);
    const paused = await server.request('POST', path(`/${id}/pause`), { token: owner });
    expect(paused.body.state).toBe('paused');
    await sourceSocket.waitFor((m) => m.type === 'command' && m.name === 'transfer.pause' && m.args.transferId === id);
    expect((await server.request('POST', path(`/${id}/pause`), { token: owner })).status).toBe(409);
    await server.request('POST', path(`/${id}/resume`), { token: owner });
    await sourceSocket.waitFor(
      (m) => m.type === 'command' && m.name === 'transfer.start' && m.args.transferId === id && m.args.attempt === 2,
    );
    await server.request('POST', path(`/${id}/cancel`), { token: owner });
    await destinationSocket.waitFor(
      (m) => m.type === 'command' && m.name === 'transfer.cancel' && m.args.transferId === id,
    );
    const retried = await server.request('POST', path(`/${id}/retry`), { token: owner });
    expect(retried.body).toMatchObject({ state: 'queued', attempts: 0 });
    // Attempts count from 0 again after a retry; the attempt a command names never repeats.
    const restarted = await sourceSocket.waitFor(
      (m) => m.type === 'command' && m.name === 'transfer.start' && m.args.transferId === id && m.args.attempt === 3,
    );
    expect(restarted.commandId).toEqual({ name: 'transfer.start', transferId: id, attempt: 3 });
    await server.request('POST', path(`/${id}/cancel`), { token: owner });
    destinationSocket.close();
  });

  it('allows each action only in the states the shared table names; a refusal says what the state allows', async () => {
    // The destination stays away: nothing starts, so each state holds until the next request.
    const id = (await create()).body.id;
    const refusals: Record<string, string> = {};
    for (const state of TransferStateSchema.options) {
      for (const action of TransferActionSchema.options) {
        await server.sql('update transfers set state = $2 where id = $1', [id, state]);
        const response = await server.request('POST', path(`/${id}/${action}`), { token: owner });
        if (transferActions(state).includes(action)) {
          expect(response.status, `${action} when ${state}`).toBe(200);
        } else {
          expect(response.status, `${action} when ${state}`).toBe(409);
          expect(response.body.error.details).toEqual({ state, allowed: transferActions(state) });
          refusals[`${action} ${state}`] = response.body.error.message;
        }
      }
    }
    await server.request('POST', path(`/${id}/cancel`), { token: owner }); // the loop ends with it queued
    expect(Object.keys(refusals)).toHaveLength(7 * 4 - 9); // 9 of the state and action pairs are allowed
    expect(refusals['resume running']).toBe(
      'Cannot resume a transfer that is running: a running transfer allows pause or cancel',
    );
    expect(refusals['pause failed']).toBe('Cannot pause a transfer that is failed: a failed transfer allows retry');
    expect(refusals['cancel succeeded']).toBe(
      'Cannot cancel a transfer that is succeeded: a succeeded transfer allows no action',
    );
  });

  it('puts a running transfer back in the queue when an agent drops, with the reason', async () => {
    const destinationSocket = await connectDestination();
    const id = (await create()).body.id;
    await startCommand(sourceSocket, id);
    destinationSocket.close();
    const waiting = await watcher.waitFor(
      (m) =>
        m.type === 'transfer' &&
        m.transfer.id === id &&
        m.transfer.state === 'queued' &&
        /destination agent went offline/.test(m.transfer.stateReason),
    );
    expect(waiting.transfer.stateReason).toBe(
      'the destination agent went offline; the transfer resumes when it is back',
    );
    await server.request('POST', path(`/${id}/cancel`), { token: owner });
  });

  it('runs at most four transfers per agent; the rest wait by priority', async () => {
    // Queued while the destination is away, so that all five compete when it arrives.
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await create({ priority: i === 0 ? 1 : 5 })).body.id);
    const destinationSocket = await connectDestination();
    for (const id of ids.slice(1)) await startCommand(sourceSocket, id);
    const waiting = await watcher.waitFor(
      (m) => m.type === 'transfer' && m.transfer.id === ids[0] && /already runs 4/.test(m.transfer.stateReason ?? ''),
    );
    expect(waiting.transfer.stateReason).toBe('waiting: the source agent already runs 4 transfers');
    expect(sourceSocket.messages.some((m) => m.type === 'command' && m.args?.transferId === ids[0])).toBe(false);
    for (const id of ids) await server.request('POST', path(`/${id}/cancel`), { token: owner });
    destinationSocket.close();
  });

  it('stores file pages once however often they are sent, acks each report once stored, and totals the stored files', async () => {
    const destinationSocket = await connectDestination();
    const id = (await create()).body.id;
    await startCommand(sourceSocket, id);
    const file = (name: string, size: number) => ({ path: name, size, sha256: null, status: 'done', error: null });
    const ack = (seq: number) => sourceSocket.waitFor((m) => m.type === 'transfer_ack' && m.seq === seq);
    sourceSocket.send({ type: 'transfer_files', transferId: id, seq: 11, files: [file('a', 10), file('b', 20)] });
    await ack(11);
    // Resent after a reconnection that lost the ack: stored again, counted once.
    sourceSocket.send({ type: 'transfer_files', transferId: id, seq: 11, files: [file('a', 10), file('b', 20)] });
    sourceSocket.send({ type: 'transfer_files', transferId: id, seq: 12, files: [file('c', 30)] });
    sourceSocket.send({
      type: 'transfer_outcome',
      transferId: id,
      seq: 13,
      state: 'succeeded',
      stats: { bytesSent: 60 },
    });
    await ack(13);
    const done = (await server.request('GET', path(`/${id}`), { token: owner })).body;
    expect(done.transfer).toMatchObject({
      state: 'succeeded',
      filesTotal: 3,
      filesDone: 3,
      bytesTotal: 60,
      bytesDone: 60,
    });
    expect(done.files.map((f: { path: string }) => f.path)).toEqual(['a', 'b', 'c']);
    // The outcome resent: acknowledged, nothing changes.
    sourceSocket.send({ type: 'transfer_outcome', transferId: id, seq: 14, state: 'failed', reason: 'late' });
    await ack(14);
    expect((await server.request('GET', path(`/${id}`), { token: owner })).body.transfer.state).toBe('succeeded');
    destinationSocket.close();
  });

  it('on reconcile, settles what the agent finished meanwhile and requeues what it no longer runs', async () => {
    const destinationSocket = await connectDestination();
    const finishedId = (await create()).body.id;
    await startCommand(sourceSocket, finishedId);
    const forgottenId = (await create()).body.id;
    await startCommand(sourceSocket, forgottenId);
    // The control plane went away while both ran (its memory of them is gone), and the agent
    // reconnects: one it finished meanwhile, the other it no longer knows (it restarted).
    sourceSocket.close();
    await server.restart();
    await server.sql(`update transfers set state = 'running' where id = any($1::uuid[])`, [[finishedId, forgottenId]]);
    sourceSocket = await source.connect(server);
    await sourceSocket.waitFor((m) => m.type === 'hello');
    sourceSocket.send({ type: 'transfer_reconcile', transfers: [{ transferId: finishedId, state: 'finished' }] });
    sourceSocket.send({
      type: 'transfer_files',
      transferId: finishedId,
      seq: 1,
      files: [{ path: 'data/big.bin', size: 1000, sha256: null, status: 'done', error: null }],
    });
    sourceSocket.send({ type: 'transfer_outcome', transferId: finishedId, seq: 2, state: 'succeeded' });
    await sourceSocket.waitFor((m) => m.type === 'transfer_ack' && m.seq === 2);
    const finished = (await server.request('GET', path(`/${finishedId}`), { token: owner })).body;
    expect(finished.transfer).toMatchObject({ state: 'succeeded', filesDone: 1, attempts: 1 });
    expect(finished.files).toEqual([
      { path: 'data/big.bin', size: 1000, sha256: null, status: 'done', error: null, sourceDeleted: false },
    ]);
    // Only the reconcile could put it back in the queue (the destination is away: it waits there).
    const forgotten = (await server.request('GET', path(`/${forgottenId}`), { token: owner })).body.transfer;
    expect(forgotten.state).toBe('queued');
    await server.request('POST', path(`/${forgottenId}/cancel`), { token: owner });
    destinationSocket.close();
  });
});
