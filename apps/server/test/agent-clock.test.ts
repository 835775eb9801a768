import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CloseCode } from '@tcpa/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { agentBundle } from '../../../test/agent-bundle.ts';
import { AgentProcesses } from './agent-processes.ts';
import { type LiveServer, Peer, signUpWithProject, startLiveServer, TestAgent } from './live-server.ts';
import { waitUntil } from './wait-until.ts';

/**
 * Agents on machines whose clocks are off: real `tcpa-agent` processes whose wall clock is shifted
 * by a preloaded module (as a machine's clock is off, the monotonic clock untouched).
 */
const AGENT_CLI = agentBundle();
const SHIFTED_CLOCK = new URL('./support/shifted-clock.mjs', import.meta.url).pathname;
const TEN_MINUTES_MS = 10 * 60 * 1000;
const run = promisify(execFile);

describe('agents whose clocks are off', () => {
  let server: LiveServer;
  let tenant: Awaited<ReturnType<typeof signUpWithProject>>;
  const agents = new AgentProcesses('tcpa-clock-');
  const running: ChildProcess[] = [];

  beforeAll(async () => {
    server = await startLiveServer({ HEARTBEAT_SECONDS: '2' });
    tenant = await signUpWithProject(server, 'clocks');
  });
  afterEach(async () => {
    for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  });
  afterAll(async () => {
    await agents.removeAll();
    await server?.close();
  });

  /** Enrols an agent, then runs it with its wall clock `offsetMs` off (changeable through the returned file). */
  async function startSkewedAgent(name: string, offsetMs: number) {
    const root = await agents.tempDir();
    const { dir, agentId } = await agents.enrol(server, { ...tenant, name, root });
    const offsetFile = join(dir, 'clock-offset');
    await writeFile(offsetFile, String(offsetMs));
    const child = spawn(process.execPath, ['--import', SHIFTED_CLOCK, AGENT_CLI, 'run', '--state-dir', dir], {
      stdio: 'ignore',
      env: { ...process.env, TCPA_TEST_CLOCK_OFFSET_FILE: offsetFile },
    });
    running.push(child);
    return { dir, agentId, offsetFile };
  }

  const getAgent = async (agentId: string) =>
    (await server.request('GET', `/api/v1/projects/${tenant.projectId}/agents/${agentId}`, { token: tenant.token }))
      .body;
  const storedSamples = (agentId: string) =>
    server.sql<{ seq: number; tsMs: number }>(
      `select seq::int as seq, (extract(epoch from ts) * 1000)::float8 as "tsMs"
       from telemetry where agent_id = $1 order by seq`,
      [agentId],
    );
  async function status(dir: string, json = true) {
    const { stdout } = await run(process.execPath, [
      AGENT_CLI,
      'status',
      '--state-dir',
      dir,
      ...(json ? ['--json'] : []),
    ]);
    return json ? JSON.parse(stdout) : stdout;
  }

  it('connects with a clock 10 minutes ahead, stores its samples on server time and shows the skew', async () => {
    const { dir, agentId } = await startSkewedAgent('ahead', TEN_MINUTES_MS);
    await waitUntil('the agent online', async () => (await getAgent(agentId)).online === true, 30_000);
    const rows = await waitUntil('three samples stored', async () => {
      const found = await storedSamples(agentId);
      return found.length >= 3 ? found : undefined;
    });
    for (const row of rows) expect(Math.abs(row.tsMs - Date.now())).toBeLessThan(60_000);

    const agent = await getAgent(agentId);
    expect(agent.clockSkewMs).toBeGreaterThan(TEN_MINUTES_MS - 5_000);
    expect(agent.clockSkewMs).toBeLessThan(TEN_MINUTES_MS + 5_000);

    const runtime = await waitUntil('the status snapshot with the offset', async () => {
      const snapshot = (await status(dir)).runtime;
      return snapshot?.connected && snapshot.clockOffsetMs !== null ? snapshot : undefined;
    });
    expect(runtime.clockOffsetMs).toBeLessThan(-TEN_MINUTES_MS + 5_000);
    expect(runtime.clockOffsetMs).toBeGreaterThan(-TEN_MINUTES_MS - 5_000);
    expect(await status(dir, false)).toMatch(/clock\s+(599|600|601)\.\d s ahead of the server's/);
  }, 90_000);

  it('keeps storing (and acknowledges only stored) samples when its clock steps 10 minutes while connected', async () => {
    const { dir, agentId, offsetFile } = await startSkewedAgent('stepping', 0);
    await waitUntil('two samples stored', async () => (await storedSamples(agentId)).length >= 2, 30_000);
    await writeFile(offsetFile, String(TEN_MINUTES_MS));
    const steppedAt = Date.now();
    await waitUntil(
      'five samples taken after the step stored',
      async () => (await storedSamples(agentId)).filter((row) => row.tsMs > steppedAt + 500).length >= 5,
      20_000,
    );
    for (const row of await storedSamples(agentId)) expect(row.tsMs).toBeLessThan(Date.now() + 1_000);

    const runtime = (await status(dir)).runtime;
    const storedSeqs = new Set((await storedSamples(agentId)).map((row) => row.seq));
    const ackedNotStored = Array.from({ length: runtime.lastAckedSeq }, (_, i) => i + 1).filter(
      (seq) => !storedSeqs.has(seq),
    );
    expect(ackedNotStored).toEqual([]);
    expect(runtime.foldedSamples).toBe(0);
  }, 90_000);

  it('records a refused assertion signed on a wrong clock and tells the agent the server time', async () => {
    const agent = await TestAgent.create();
    const token = await server.request('POST', `/api/v1/projects/${tenant.projectId}/enrolment-tokens`, {
      token: tenant.token,
      body: { preApproved: true },
    });
    await agent.enrol(server, token.body.secret, 'refused');
    const realNow = Date.now;
    Date.now = () => realNow() + TEN_MINUTES_MS;
    let assertion: string;
    try {
      assertion = await agent.assertion();
    } finally {
      Date.now = realNow;
    }
    const peer = await Peer.open(server.url, assertion);
    expect(await peer.waitForClose()).toBe(CloseCode.unauthorized);
    expect(peer.closeReason).toMatch(/Agent clock (599|600|601) s ahead of the server's/);

    const recorded = await getAgent(agent.agentId);
    expect(recorded.clockSkewMs).toBeGreaterThan(TEN_MINUTES_MS - 2_000);
    expect(recorded.lastRefusal.reason).toMatch(/ahead of the server's/);
    expect(Math.abs(Date.parse(recorded.lastRefusal.at) - Date.now())).toBeLessThan(30_000);
  });

  it('does not acknowledge samples stamped ahead of its clock: it asks for them again later', async () => {
    const agent = await TestAgent.create();
    const token = await server.request('POST', `/api/v1/projects/${tenant.projectId}/enrolment-tokens`, {
      token: tenant.token,
      body: { preApproved: true },
    });
    await agent.enrol(server, token.body.secret, 'future-samples');
    const peer = await Peer.open(server.url, await agent.assertion());
    const hello = await peer.waitFor((message) => message.type === 'hello');
    expect(Math.abs(hello.serverTime - Date.now())).toBeLessThan(5_000);
    const sample = {
      seq: 1,
      ts: Date.now() + TEN_MINUTES_MS,
      cpuPct: 1,
      memUsedBytes: 1,
      memTotalBytes: 2,
      diskFreeBytes: 1,
      netRxBytes: 0,
      netTxBytes: 0,
      activeTransfers: 0,
      throughputBps: 0,
      rttMs: null,
      errors: 0,
      droppedSamples: 0,
    };
    peer.send({ type: 'telemetry', samples: [sample] });
    expect(await peer.waitForClose()).toBe(CloseCode.tryAgainLater);
    expect(peer.messages.filter((message) => message.type === 'ack')).toEqual([]);
    expect(peer.messages.find((message) => message.type === 'error')?.code).toBe('samples_ahead');
    expect(await storedSamples(agent.agentId)).toEqual([]);
  });
});
