import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveServer, type Peer, startLiveServer, TestAgent } from './live-server.ts';

const MIB = 1024 * 1024;

function decision(seq: number, from: number, to: number, reason: string) {
  return {
    seq,
    at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
    from: { streams: from, chunkSize: 4 * MIB },
    to: { streams: to, chunkSize: 4 * MIB },
    throughputBps: 1e6 * (seq + 1),
    baselineBps: seq === 0 ? null : 1e6 * seq,
    rttMs: 52.5,
    lossRate: 0.004,
    reason,
  };
}

/** The tuner's decision log and per-path history, through the control channel and the API. */
describe('transfer tuning', () => {
  let server: LiveServer;
  let owner: string;
  let ownerClaims: { sub: string; company_id: string };
  let projectId: string;
  let source: TestAgent;
  let destination: TestAgent;
  let sourceSocket: Peer;
  let destinationSocket: Peer;

  const api = (suffix: string) => `/api/v1/projects/${projectId}${suffix}`;
  const get = async (suffix: string) => (await server.request('GET', api(suffix), { token: owner })).body;
  async function startTransfer() {
    const created = await server.request('POST', api('/transfers'), {
      token: owner,
      body: {
        sourceAgentId: source.agentId,
        sourcePaths: ['data/big.bin'],
        destinationAgentId: destination.agentId,
        destinationDir: 'incoming',
      },
    });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    const command = await sourceSocket.waitFor(
      (m) => m.type === 'command' && m.name === 'transfer.start' && m.args.transferId === id,
    );
    return { id, command };
  }
  async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const value = await read();
      if (done(value) || Date.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const progress = (transferId: string, decisions: unknown[]) => ({
    type: 'transfer_progress',
    transferId,
    bytesDone: 10,
    bytesTotal: 1000,
    filesDone: 0,
    filesTotal: 1,
    rateBps: 1e6,
    streams: 2,
    chunkSize: 4 * MIB,
    decisions,
  });

  beforeAll(async () => {
    server = await startLiveServer();
    const signup = await server.request('POST', '/api/v1/auth/signup', {
      body: { email: 'ops@tuning.test', password: 'correct horse battery', companyName: 'Tuners' },
    });
    owner = signup.body.accessToken;
    ownerClaims = { sub: signup.body.user.id, company_id: signup.body.company.id };
    projectId = (await server.request('POST', '/api/v1/projects', { token: owner, body: { name: 'wan' } })).body.id;
    const token = await server.request('POST', api('/enrolment-tokens'), {
      token: owner,
      body: { reusable: true, preApproved: true },
    });
    source = await TestAgent.create();
    destination = await TestAgent.create();
    await source.enrol(server, token.body.secret, 'source');
    await destination.enrol(server, token.body.secret, 'destination');
    sourceSocket = await source.connect(server);
    await sourceSocket.waitFor((m) => m.type === 'hello');
    destinationSocket = await destination.connect(server);
    await destinationSocket.waitFor((m) => m.type === 'hello');
    destinationSocket.send({ type: 'data_channel', port: 7443, fingerprint: 'cd'.repeat(32) });
  });
  afterAll(async () => {
    sourceSocket?.close();
    destinationSocket?.close();
    await server?.close();
  });

  it('stores the decisions the source reports, shows them with the transfer, and remembers what worked', async () => {
    const first = await startTransfer();
    expect(first.command.args.tuning).toBeNull(); // nothing known about this path yet

    // Decisions skip the progress throttle: two reports in a row both land.
    sourceSocket.send(progress(first.id, [decision(0, 1, 2, 'first measurement: 1.0 Mbit/s; probing more streams')]));
    sourceSocket.send(progress(first.id, [decision(1, 2, 8, 'kept: +100%; probing further')]));
    // Only the source agent reports for a transfer.
    destinationSocket.send(progress(first.id, [decision(5, 8, 64, 'not the source')]));
    sourceSocket.send({
      type: 'transfer_outcome',
      transferId: first.id,
      state: 'succeeded',
      files: [{ path: 'data/big.bin', size: 1000, sha256: 'a'.repeat(64), status: 'done', error: null }],
      decisions: [decision(1, 2, 8, 'kept: +100%; probing further'), decision(2, 8, 16, 'kept: +60%; holding')],
      tuning: { streams: 16, chunkSize: 4 * MIB, rateBps: 812e6, rttMs: 51.2 },
    });

    const detail = await until(
      () => get(`/transfers/${first.id}`),
      (body) => body.transfer.state === 'succeeded',
    );
    expect(detail.transfer.state).toBe('succeeded');
    expect(detail.decisions.map((d: { seq: number; reason: string }) => [d.seq, d.reason])).toEqual([
      [0, 'first measurement: 1.0 Mbit/s; probing more streams'],
      [1, 'kept: +100%; probing further'],
      [2, 'kept: +60%; holding'],
    ]);
    expect(detail.decisions[1]).toEqual({ attempt: 1, ...decision(1, 2, 8, 'kept: +100%; probing further') });

    const { paths } = await get('/transfer-paths');
    expect(paths).toEqual([
      {
        sourceAgentId: source.agentId,
        destinationAgentId: destination.agentId,
        streams: 16,
        chunkSize: 4 * MIB,
        rateBps: 812e6,
        rttMs: 51.2,
        transfers: 1,
        updatedAt: expect.any(String),
      },
    ]);

    // The next transfer on the same path starts from it.
    const second = await startTransfer();
    expect(second.command.args.tuning).toEqual({ streams: 16, chunkSize: 4 * MIB });

    // A failed transfer teaches the path nothing.
    sourceSocket.send({
      type: 'transfer_outcome',
      transferId: second.id,
      state: 'failed',
      reason: 'disk full',
      retryable: false,
      tuning: { streams: 1, chunkSize: MIB, rateBps: 1, rttMs: null },
    });
    await until(
      () => get(`/transfers/${second.id}`),
      (body) => body.transfer.state === 'failed',
    );
    expect((await get('/transfer-paths')).paths[0]).toMatchObject({ streams: 16, transfers: 1 });
  });

  it('keeps paths and decisions inside the tenant', async () => {
    const stranger = await server.request('POST', '/api/v1/auth/signup', {
      body: { email: 'other@tuning.test', password: 'correct horse battery', companyName: 'Others' },
    });
    const theirs = await server.request('GET', api('/transfer-paths'), { token: stranger.body.accessToken });
    expect(theirs.status).toBe(404);
    const counts = await server.testDatabase.database.withClaims(
      { sub: stranger.body.user.id, company_id: stranger.body.company.id },
      (tx) =>
        tx.query<{ paths: number; decisions: number }>(
          'select (select count(*)::int from transfer_paths) as paths, (select count(*)::int from transfer_decisions) as decisions',
        ),
    );
    expect(counts).toEqual([{ paths: 0, decisions: 0 }]);
    const ours = await server.testDatabase.database.withClaims(ownerClaims, (tx) =>
      tx.query<{ paths: number; decisions: number }>(
        'select (select count(*)::int from transfer_paths) as paths, (select count(*)::int from transfer_decisions) as decisions',
      ),
    );
    expect(ours).toEqual([{ paths: 1, decisions: 3 }]);
  });

  it("keeps every attempt's decisions, a retried one's too, and never a zero rate as the path's history", async () => {
    const first = await startTransfer();
    const limited = "the transfer's bandwidth limit of 40 Mbit/s binds (39 Mbit/s measured); holding 16 streams";
    sourceSocket.send(progress(first.id, [decision(0, 16, 16, limited)]));
    sourceSocket.send({
      type: 'transfer_outcome',
      transferId: first.id,
      state: 'failed',
      reason: 'disk full',
      retryable: false,
      decisions: [decision(1, 16, 16, 'not a measurement: 3 data streams failed in 1.5 s; holding 16 streams')],
    });
    await until(
      () => get(`/transfers/${first.id}`),
      (body) => body.transfer.state === 'failed',
    );
    const retried = await server.request('POST', api(`/transfers/${first.id}/retry`), { token: owner });
    expect(retried.status).toBe(200);
    const again = await sourceSocket.waitFor(
      (m) =>
        m.type === 'command' &&
        m.name === 'transfer.start' &&
        m.args.transferId === first.id &&
        m.args.token !== first.command.args.token,
    );
    expect(again.args.tuning).toEqual({ streams: 16, chunkSize: 4 * MIB });
    // The retry's tuner numbers its decisions from 0 again; a server restart meant nothing arrived for a while.
    const outage = 'not a measurement: nothing was delivered in 1.5 s (an outage or a stall); holding 16 streams';
    sourceSocket.send(progress(first.id, [decision(0, 16, 16, outage)]));
    sourceSocket.send({
      type: 'transfer_outcome',
      transferId: first.id,
      state: 'succeeded',
      files: [{ path: 'data/big.bin', size: 1000, sha256: 'a'.repeat(64), status: 'done', error: null }],
      // An older agent measured nothing valid and says so with a zero rate: no history to keep.
      tuning: { streams: 32, chunkSize: 4 * MIB, rateBps: 0, rttMs: null },
    });
    const detail = await until(
      () => get(`/transfers/${first.id}`),
      (body) => body.transfer.state === 'succeeded',
    );
    expect(detail.decisions.map((d: { reason: string }) => d.reason)).toEqual([
      limited,
      'not a measurement: 3 data streams failed in 1.5 s; holding 16 streams',
      outage,
    ]);
    const [firstRun, , retry] = detail.decisions;
    expect(retry.attempt).toBeGreaterThan(firstRun.attempt);
    expect((await get('/transfer-paths')).paths[0]).toMatchObject({ streams: 16, rateBps: 812e6, transfers: 1 });
  });
});
