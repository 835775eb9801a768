import { randomUUID } from 'node:crypto';
import { CloseCode, TELEMETRY_LIMITS, type TelemetrySample, TelemetrySampleSchema } from '@tcpa/contracts';
import { createTestDatabase } from '@tcpa/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type IngestSource,
  TelemetryIngest,
  TelemetryRefusedError,
} from '../src/features/telemetry/telemetry-ingest.ts';
import { type LiveServer, sample, signUpWithProject, startLiveServer, TestAgent } from './live-server.ts';

/**
 * Values the columns cannot hold, per field. Every field of a sample is listed (checked below),
 * so a field added later must say what is too much for it.
 */
const HOSTILE: Record<keyof TelemetrySample, number[]> = {
  seq: [2 ** 53, -1],
  ts: [1e39, 8.64e15 + 1, 0],
  cpuPct: [101],
  memUsedBytes: [1e19],
  memTotalBytes: [1e19],
  diskFreeBytes: [1e19],
  diskTotalBytes: [1e19],
  netRxBytes: [1e19],
  netTxBytes: [1e19],
  activeTransfers: [2 ** 31],
  throughputBps: [1e300],
  rttMs: [1e39],
  errors: [2 ** 31],
  droppedSamples: [2 ** 31],
};

/** Every field at the largest value the contract lets through. */
const LARGEST: TelemetrySample = {
  seq: Number.MAX_SAFE_INTEGER,
  ts: TELEMETRY_LIMITS.tsMax,
  cpuPct: 100,
  memUsedBytes: TELEMETRY_LIMITS.bytes,
  memTotalBytes: TELEMETRY_LIMITS.bytes,
  diskFreeBytes: TELEMETRY_LIMITS.bytes,
  diskTotalBytes: TELEMETRY_LIMITS.bytes,
  netRxBytes: TELEMETRY_LIMITS.bytes,
  netTxBytes: TELEMETRY_LIMITS.bytes,
  activeTransfers: TELEMETRY_LIMITS.int4,
  throughputBps: TELEMETRY_LIMITS.throughputBps,
  rttMs: TELEMETRY_LIMITS.rttMs,
  errors: TELEMETRY_LIMITS.int4,
  droppedSamples: TELEMETRY_LIMITS.int4,
};

async function connectedAgent(server: LiveServer, tenant: { token: string; projectId: string }, name: string) {
  const created = await server.request('POST', `/api/v1/projects/${tenant.projectId}/enrolment-tokens`, {
    token: tenant.token,
    body: { preApproved: true },
  });
  const agent = await TestAgent.create();
  expect((await agent.enrol(server, created.body.secret, name)).status).toBe(201);
  const socket = await agent.connect(server);
  await socket.waitFor((m) => m.type === 'hello');
  return { agent, socket };
}

const storedSeqs = async (server: LiveServer, agentId: string) =>
  (await server.sql<{ seq: string }>('select seq from telemetry where agent_id = $1 order by seq', [agentId])).map(
    (row) => Number(row.seq),
  );

describe('telemetry bounds and isolation', () => {
  let server: LiveServer;
  let alpha: Awaited<ReturnType<typeof signUpWithProject>>;
  let beta: Awaited<ReturnType<typeof signUpWithProject>>;

  beforeAll(async () => {
    server = await startLiveServer();
    alpha = await signUpWithProject(server, 'alpha');
    beta = await signUpWithProject(server, 'beta');
  });
  afterAll(() => server?.close());

  it('refuses each value its column cannot hold with an error frame naming the field, and stores none', async () => {
    expect(Object.keys(HOSTILE).sort()).toEqual(Object.keys(TelemetrySampleSchema.shape).sort());
    let { agent, socket } = await connectedAgent(server, beta, 'hostile');
    let refusedOnSocket = 0;
    for (const [field, values] of Object.entries(HOSTILE)) {
      for (const value of values) {
        if (refusedOnSocket === 4) {
          // The fifth bad frame closes the socket: start another before that.
          socket.close();
          socket = await agent.connect(server);
          await socket.waitFor((m) => m.type === 'hello');
          refusedOnSocket = 0;
        }
        const before = socket.messages.length;
        socket.send({ type: 'telemetry', samples: [sample(1, Date.now(), { [field]: value })] });
        const error = await socket.waitFor((m) => m.type === 'error' && socket.messages.indexOf(m) >= before);
        expect(error.code, `${field} = ${value}`).toBe('bad_message');
        expect(error.message, `${field} = ${value}`).toContain(`samples.0.${field}:`);
        refusedOnSocket++;
      }
    }
    socket.close();
    expect(await storedSeqs(server, agent.agentId)).toEqual([]);
  });

  it("refuses only the offending agent when the database refuses its rows; another tenant's agent in the same batches is stored and stays connected", async () => {
    const victim = await connectedAgent(server, alpha, 'victim');
    const attacker = await connectedAgent(server, beta, 'attacker');
    const base = Date.now() - 600_000;
    // Two maximal error counts in one minute pass the contract, but their sum overflows the
    // minute rollup's integer column: the statement fails in the database.
    const minute = Math.floor(base / 60_000) * 60_000;
    const overflowing = [
      sample(1, minute + 1000, { errors: TELEMETRY_LIMITS.int4 }),
      sample(2, minute + 2000, { errors: TELEMETRY_LIMITS.int4 }),
    ];
    // The victim streams for about a second (a message every 10 ms, 50 ms batches), so the
    // attacker's rows share a batch with the victim's.
    const messages = 100;
    for (let seq = 1; seq <= messages; seq++) {
      victim.socket.send({ type: 'telemetry', samples: [sample(seq, base + seq * 1000)] });
      if (seq === messages / 2) attacker.socket.send({ type: 'telemetry', samples: overflowing });
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const refused = await attacker.socket.waitFor((m) => m.type === 'error', 15_000);
    expect(refused).toEqual({
      type: 'error',
      code: 'telemetry_refused',
      message: 'the database refused these samples: a value is out of range for its column; they were not stored',
    });
    expect(await attacker.socket.waitForClose()).toBe(CloseCode.badRequest);
    await victim.socket.waitFor((m) => m.type === 'ack' && m.upToSeq === messages, 15_000);
    expect(victim.socket.closeCode).toBeUndefined();
    expect(await storedSeqs(server, victim.agent.agentId)).toEqual(Array.from({ length: messages }, (_, i) => i + 1));
    expect(await storedSeqs(server, attacker.agent.agentId)).toEqual([]);
    victim.socket.close();
  });
});

describe('TelemetryIngest', () => {
  it('stores samples with every field at its largest allowed value, and at the earliest and latest times', async () => {
    const testDatabase = await createTestDatabase();
    const ingest = new TelemetryIngest({ database: testDatabase.database, onError: () => undefined });
    const agentId = randomUUID();
    try {
      const samples = [LARGEST, { ...LARGEST, seq: 1, ts: TELEMETRY_LIMITS.tsMin }];
      for (const each of samples) expect(TelemetrySampleSchema.parse(each)).toEqual(each);
      await Promise.all([
        ingest.add({ agentId, companyId: randomUUID(), projectId: randomUUID() }, samples),
        ingest.flush(),
      ]);
      const [row] = await testDatabase.database.unsafeAsOwner((tx) =>
        tx.query<{ n: number }>('select count(*)::int as n from telemetry where agent_id = $1', [agentId]),
      );
      expect(row?.n).toBe(2);
    } finally {
      await ingest.close();
      await testDatabase.dispose();
    }
  });

  it("commits every other agent's rows of a batch the database refuses, and rejects all of the offending agent's pending samples", async () => {
    const testDatabase = await createTestDatabase();
    const errors: unknown[] = [];
    const ingest = new TelemetryIngest({
      database: testDatabase.database,
      maxBatchRows: 4,
      onError: (error) => errors.push(error),
    });
    const source = (): IngestSource => ({ agentId: randomUUID(), companyId: randomUUID(), projectId: randomUUID() });
    const [first, bad, second] = [source(), source(), source()];
    const now = Date.now();
    try {
      const results = await Promise.allSettled([
        ingest.add(first, [sample(1, now), sample(2, now + 1000)]),
        // Not a valid sample (the contract refuses it): the class is driven directly, as if
        // the database refused a value the contract let through. The add straddles two
        // batches; its last row alone would store fine.
        ingest.add(bad, [sample(1, now, { activeTransfers: 2 ** 31 }), sample(2, now + 1000), sample(3, now + 2000)]),
        ingest.add(second, [sample(1, now)]),
        ingest.flush(true),
      ]);
      expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      const reason = (results[1] as PromiseRejectedResult).reason;
      expect(reason).toBeInstanceOf(TelemetryRefusedError);
      expect(reason).toMatchObject({ agentId: bad.agentId, code: '22003' });
      expect(errors).toEqual([reason]);
      const rows = await testDatabase.database.unsafeAsOwner((tx) =>
        tx.query<{ agent_id: string; n: number }>(
          'select agent_id, count(*)::int as n from telemetry group by agent_id order by n',
        ),
      );
      expect(rows).toEqual(
        expect.arrayContaining([
          { agent_id: first.agentId, n: 2 },
          { agent_id: second.agentId, n: 1 },
        ]),
      );
      expect(rows).toHaveLength(2);
    } finally {
      await ingest.close();
      await testDatabase.dispose();
    }
  });
});
