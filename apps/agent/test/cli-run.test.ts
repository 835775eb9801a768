import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  AGENT_ASSERTION_AUDIENCE,
  AGENT_COMMAND_NAMES,
  AgentMessageSchema,
  CloseCode,
  type CommandId,
  commandMessage,
  type EnrolResponse,
  type TelemetrySample,
  type TransferStartArgs,
} from '@tcpa/contracts';
import { importJWK, jwtVerify } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { readAgentState, writeAgentState } from '../src/state/agent-state.ts';
import { readStatusSnapshot } from '../src/state/status-snapshot.ts';
import { type EnrolRequestSeen, enrolEndpoint } from './support/enrol-endpoint.ts';
import { type CliRun, runCli, startCli } from './support/run-cli.ts';
import { useTempDirs } from './support/temp-dir.ts';
import { startTestWsServer, type TestConnection } from './support/ws-server.ts';

const tempDir = useTempDirs();
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const until = async (condition: () => boolean, what: string, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/**
 * A stand-in control plane: enrols one agent, greets it with `hello`, stores and acknowledges
 * its telemetry (unless told not to), and lets the test act on each connection.
 */
async function fakeControlPlane() {
  const enrolment: EnrolResponse = {
    agentId: randomUUID(),
    projectId: randomUUID(),
    companyId: randomUUID(),
    status: 'pending',
    tags: [],
    config: { telemetryIntervalMs: 5_000, planId: 'free' },
  };
  const plane = {
    enrolment,
    helloStatus: 'active' as string,
    intervalMs: 100,
    acking: true,
    closeOnConnect: null as number | null,
    samples: [] as TelemetrySample[],
    batches: [] as number[],
    invalidMessages: 0,
    hello(connection: TestConnection, status?: string): void {
      const config = { telemetryIntervalMs: plane.intervalMs, planId: 'free' };
      const hello = { type: 'hello', agentId: enrolment.agentId, status: status ?? plane.helloStatus, config };
      connection.socket.send(JSON.stringify(hello));
    },
  };
  const seen: EnrolRequestSeen[] = [];
  const server = await startTestWsServer({
    onRequest: enrolEndpoint(() => ({ status: 201, body: enrolment }), seen),
    onConnection: (connection) => {
      if (plane.closeOnConnect !== null) {
        connection.socket.close(plane.closeOnConnect, 'revoked by an administrator');
        return;
      }
      connection.socket.on('message', (data) => {
        const parsed = AgentMessageSchema.safeParse(JSON.parse(data.toString()));
        if (!parsed.success) {
          plane.invalidMessages++;
          return;
        }
        const message = parsed.data;
        if (message.type === 'ping') connection.socket.send(JSON.stringify({ type: 'pong', id: message.id }));
        if (message.type !== 'telemetry') return;
        plane.samples.push(...message.samples);
        plane.batches.push(message.samples.length);
        const upToSeq = message.samples.at(-1)?.seq ?? 0;
        if (plane.acking) connection.socket.send(JSON.stringify({ type: 'ack', upToSeq, folded: 0 }));
      });
      plane.hello(connection);
    },
  });
  cleanups.push(() => server.close());
  return { plane, server };
}

function startAgent(stateDir: string): CliRun {
  const run = startCli(['run', '--state-dir', stateDir]);
  cleanups.push(async () => {
    if (run.child.exitCode === null) run.child.kill('SIGKILL');
    await run.exited;
  });
  return run;
}

describe('tcpa-agent run', () => {
  it('enrols, waits while pending, reports telemetry once active, follows config, and stops cleanly on SIGTERM', async () => {
    const { plane, server } = await fakeControlPlane();
    const stateDir = tempDir();
    const enrol = await runCli(['enrol', '--server', server.httpUrl, '--token', 'tok', '--state-dir', stateDir]);
    expect(enrol.code).toBe(0);
    const { publicKeyJwk } = readAgentState(stateDir);

    plane.helloStatus = 'pending';
    const agent = startAgent(stateDir);
    const connection = await server.connection(0);
    const assertion = String(connection.request.headers.authorization).replace(/^Bearer /, '');
    const verified = await jwtVerify(assertion, await importJWK(publicKeyJwk, 'EdDSA'), {
      audience: AGENT_ASSERTION_AUDIENCE,
      subject: plane.enrolment.agentId,
    });
    expect(verified.protectedHeader.typ).toBe('agent+jwt');

    await agent.waitForStderr('waiting for an administrator');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(plane.samples).toHaveLength(0); // pending: no telemetry

    plane.hello(connection, 'active'); // an administrator approved it
    await until(() => plane.samples.length >= 4, 'four samples');
    expect(readAgentState(stateDir)).toMatchObject({ status: 'active', config: { telemetryIntervalMs: 100 } });
    expect(plane.samples.map((sample) => sample.seq).slice(0, 4)).toEqual([1, 2, 3, 4]);
    expect(plane.samples[0]).toMatchObject({ droppedSamples: 0, activeTransfers: 0, throughputBps: 0 });

    // Commands the agent cannot run are answered with the reason, never run half-read or dropped unanswered.
    const badStart = { name: 'transfer.start', transferId: randomUUID(), attempt: 1 };
    connection.socket.send(JSON.stringify({ type: 'command', commandId: badStart, name: 'transfer.start', args: {} }));
    const refused = await server.message(connection, (message) => message.type === 'command_result');
    expect(refused).toMatchObject({ type: 'command_result', commandId: badStart, ok: false });
    expect(refused.error).toMatch(/^bad arguments for transfer.start: args.transferId: /);
    const unknown = { name: 'self.destruct' };
    connection.socket.send(JSON.stringify({ type: 'command', commandId: unknown, name: 'self.destruct', args: {} }));
    const result = await server.message(
      connection,
      (message) => message.type === 'command_result' && (message.commandId as CommandId).name === 'self.destruct',
    );
    expect(result).toEqual({
      type: 'command_result',
      commandId: unknown,
      ok: false,
      // The list comes from the contract's catalogue: a command added there is named here too.
      error: `unknown command "self.destruct": this agent runs ${AGENT_COMMAND_NAMES.join(', ')}`,
    });
    await agent.waitForStderr('refused a command from the server: unknown command "self.destruct"');

    connection.socket.send(
      JSON.stringify({ type: 'config', config: { telemetryIntervalMs: 60_000, planId: 'starter' } }),
    );
    await until(() => readAgentState(stateDir).config.planId === 'starter', 'the new config to be saved');
    expect(readAgentState(stateDir).config.telemetryIntervalMs).toBe(60_000);

    await until(() => readStatusSnapshot(stateDir)?.lastAckedSeq === plane.samples.at(-1)?.seq, 'the snapshot');
    const status = await runCli(['status', '--state-dir', stateDir, '--json']);
    expect(status.code).toBe(0);
    const report = JSON.parse(status.stdout);
    expect(report).toMatchObject({ agentId: plane.enrolment.agentId, status: 'active', running: true });
    expect(report.runtime).toMatchObject({ connected: true, outboxSize: 0, droppedSamples: 0 });
    expect(status.stdout).not.toContain('"d"'); // no private key

    agent.child.kill('SIGTERM');
    expect(await agent.exited).toBe(0);
    expect((await connection.closed).code).toBe(1000);
    expect(agent.stderr()).toContain(`[tcpa-agent] `);
    expect(agent.stderr()).toContain(`connected to ${server.url}`);
    expect(agent.stderr()).not.toContain(assertion);
    expect(plane.invalidMessages).toBe(0);
    expect(existsSync(join(stateDir, 'run.lock'))).toBe(false);

    const text = await runCli(['status', '--state-dir', stateDir]);
    expect(text.stdout).toMatch(/process\s+not running/);
    expect(text.stdout).toContain(plane.enrolment.agentId);
  });

  it('keeps unacknowledged samples across a restart and replays them with their original ts and seq', async () => {
    const { plane, server } = await fakeControlPlane();
    const stateDir = tempDir();
    expect((await runCli(['enrol', '--server', server.httpUrl, '--token', 't', '--state-dir', stateDir])).code).toBe(0);

    plane.acking = false; // the server stores nothing yet
    const first = startAgent(stateDir);
    await until(() => plane.samples.length >= 5, 'five samples');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const unacked = [...plane.samples];
    expect(readStatusSnapshot(stateDir)?.outboxSize).toBe(unacked.length);

    plane.acking = true;
    plane.samples.length = 0;
    const second = startAgent(stateDir);
    await until(() => plane.samples.length > unacked.length + 1, 'the replay and new samples');
    expect(plane.samples.slice(0, unacked.length)).toEqual(unacked);
    const seqs = plane.samples.map((sample) => sample.seq);
    expect(seqs).toEqual(seqs.map((_, index) => index + 1)); // continues after the restart, no gaps
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(readStatusSnapshot(stateDir)?.outboxSize).toBe(0);
  });

  it('exits with code 3 and says so when the server closes with 4410 (revoked)', async () => {
    const { plane, server } = await fakeControlPlane();
    const stateDir = tempDir();
    expect((await runCli(['enrol', '--server', server.httpUrl, '--token', 't', '--state-dir', stateDir])).code).toBe(0);
    plane.closeOnConnect = CloseCode.revoked;
    const agent = startAgent(stateDir);
    expect(await agent.exited).toBe(3);
    expect(agent.stderr()).toContain('This agent has been revoked/rejected by an administrator');
    expect(server.connections).toHaveLength(1);
    expect(readAgentState(stateDir).status).toBe('revoked');
  });

  it('serves no root that holds its state folder (written by an older version): without a root it refuses transfers', async () => {
    const { server } = await fakeControlPlane();
    const home = tempDir();
    const stateDir = join(home, '.tcpa-agent');
    expect((await runCli(['enrol', '--server', server.httpUrl, '--token', 't', '--state-dir', stateDir])).code).toBe(0);
    // Older versions accepted any root: here the home folder, which holds the agent's key.
    writeAgentState(stateDir, { ...readAgentState(stateDir), roots: [home] });
    const agent = startAgent(stateDir);
    await agent.waitForStderr(`transfer root ${home} is not served: ${home} contains the agent's state folder`);
    await agent.waitForStderr('this agent has no transfer root and refuses every transfer');
    const connection = await server.connection(0);
    const args: TransferStartArgs = {
      transferId: randomUUID(),
      attempt: 1,
      token: 'token',
      sourcePaths: ['.tcpa-agent/agent.json'],
      destinationAgentId: randomUUID(),
      destination: { host: '127.0.0.1', port: 9, fingerprint: 'ab'.repeat(32) },
      overwrite: 'overwrite',
      symlinks: 'preserve',
      filters: null,
      mode: 'copy',
      modifiedAfterMs: null,
      bandwidthLimitBps: null,
      tuning: null,
    };
    connection.socket.send(JSON.stringify(commandMessage({ name: 'transfer.start', args })));
    const outcome = await server.message(connection, (message) => message.type === 'transfer_outcome');
    expect(outcome).toMatchObject({ transferId: args.transferId, state: 'failed', retryable: false });
    expect(outcome.reason).toMatch(/^the source agent has no transfer root: add one .*`tcpa-agent roots add DIR`/);
    agent.child.kill('SIGTERM');
    expect(await agent.exited).toBe(0);
  });

  it('refuses to start without an enrolment, and a second run on the same state dir', async () => {
    const notEnrolled = await runCli(['run', '--state-dir', tempDir()]);
    expect(notEnrolled.code).toBe(1);
    expect(notEnrolled.stderr).toContain('not enrolled');

    const { plane, server } = await fakeControlPlane();
    plane.helloStatus = 'pending';
    const stateDir = tempDir();
    expect((await runCli(['enrol', '--server', server.httpUrl, '--token', 't', '--state-dir', stateDir])).code).toBe(0);
    const agent = startAgent(stateDir);
    await agent.waitForStderr('connected to');
    const second = await runCli(['run', '--state-dir', stateDir]);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`already running`);
    agent.child.kill('SIGINT');
    expect(await agent.exited).toBe(0);
  });
});
