import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { agentBundle } from '../../../test/agent-bundle.ts';
import { type LiveServer, signUpWithProject, startLiveServer } from './live-server.ts';
import { waitUntil } from './wait-until.ts';

/**
 * The real agent program (`tcpa-agent`, as separate processes) against the real server: what a
 * customer sees when installing and running agents.
 */
const AGENT_CLI = agentBundle();
const AGENT_BUILD = new URL('../../agent/build.ts', import.meta.url).pathname;
const run = promisify(execFile);

interface Tenant {
  token: string;
  companyId: string;
  projectId: string;
}

async function agentCli(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [AGENT_CLI, ...args], { timeout: 20_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('tcpa-agent processes against the server', () => {
  let server: LiveServer;
  let tenant: Tenant;
  let dirs: string[] = [];
  let processes: ChildProcess[] = [];

  async function stateDir() {
    const dir = await mkdtemp(join(tmpdir(), 'tcpa-agent-e2e-'));
    dirs.push(dir);
    return dir;
  }

  async function enrolmentToken(body: Record<string, unknown>) {
    const response = await server.request('POST', `/api/v1/projects/${tenant.projectId}/enrolment-tokens`, {
      token: tenant.token,
      body,
    });
    return response.body.secret as string;
  }

  function startAgent(dir: string) {
    const child = spawn(process.execPath, [AGENT_CLI, 'run', '--state-dir', dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout?.on('data', (chunk) => (log += chunk));
    child.stderr?.on('data', (chunk) => (log += chunk));
    processes.push(child);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    return { child, exited, log: () => log };
  }

  async function status(dir: string) {
    const result = await agentCli(['status', '--state-dir', dir, '--json']);
    return JSON.parse(result.stdout);
  }

  /** What the running agent last wrote about itself (connection, outbox, sequence numbers). */
  async function runtime(dir: string) {
    return (await status(dir)).runtime ?? {};
  }

  async function agentRows(agentId: string) {
    return server.sql<{ seq: number; ts: string }>('select seq, ts from telemetry where agent_id = $1 order by seq', [
      agentId,
    ]);
  }

  async function enrolAgent(options: { preApproved: boolean; name: string; root?: string }) {
    const dir = await stateDir();
    const token = await enrolmentToken({ preApproved: options.preApproved });
    const args = ['enrol', '--server', server.url, '--token', token, '--state-dir', dir, '--name', options.name];
    const enrolled = await agentCli(options.root ? [...args, '--root', options.root] : args);
    expect(enrolled.code, enrolled.stderr).toBe(0);
    const state = await status(dir);
    return { dir, agentId: state.agentId as string };
  }

  beforeAll(async () => {
    server = await startLiveServer({ HEARTBEAT_SECONDS: '2' });
    tenant = await signUpWithProject(server, 'fleet');
  });

  afterEach(async () => {
    for (const child of processes) if (child.exitCode === null) child.kill('SIGKILL');
    processes = [];
  });

  afterAll(async () => {
    await server?.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
    dirs = [];
  });

  it('enrols, keeps its key in a 0600 state file, and reports telemetry at the plan rate (1 s)', async () => {
    const { dir, agentId } = await enrolAgent({ preApproved: true, name: 'rate' });
    expect((await stat(join(dir, 'agent.json'))).mode & 0o777).toBe(0o600);
    const agent = startAgent(dir);
    await waitUntil('agent online', async () => {
      const response = await server.request('GET', `/api/v1/projects/${tenant.projectId}/agents/${agentId}`, {
        token: tenant.token,
      });
      return response.body.online === true;
    });
    const rows = await waitUntil('five samples', async () => {
      const found = await agentRows(agentId);
      return found.length >= 5 ? found : undefined;
    });
    const gaps = rows.slice(1).map((row, i) => Date.parse(row.ts) - Date.parse(rows[i]?.ts ?? ''));
    const sorted = [...gaps].sort((x, y) => x - y);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    expect(median).toBeGreaterThan(850);
    expect(median).toBeLessThan(1200);
    agent.child.kill('SIGTERM');
    expect(await agent.exited).toBe(0);
  });

  it('waits while pending and starts reporting once approved', async () => {
    const { dir, agentId } = await enrolAgent({ preApproved: false, name: 'pending' });
    const agent = startAgent(dir);
    await waitUntil('agent connected', async () => (await runtime(dir)).connected === true);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await agentRows(agentId)).toHaveLength(0);
    await server.request('POST', `/api/v1/projects/${tenant.projectId}/agents/${agentId}/approve`, {
      token: tenant.token,
    });
    await waitUntil('telemetry after approval', async () => (await agentRows(agentId)).length >= 1);
    agent.child.kill('SIGTERM');
    await agent.exited;
  });

  it('exits with code 3 when revoked, and cannot reconnect', async () => {
    const { dir, agentId } = await enrolAgent({ preApproved: true, name: 'revoked' });
    const agent = startAgent(dir);
    await waitUntil('agent connected', async () => (await runtime(dir)).connected === true);
    await server.request('POST', `/api/v1/projects/${tenant.projectId}/agents/${agentId}/revoke`, {
      token: tenant.token,
    });
    expect(await agent.exited).toBe(3);
    expect(agent.log()).toMatch(/revoked/i);
    const again = startAgent(dir);
    expect(await again.exited).toBe(3);
  });

  it('buffers while the server is down and replays everything, stored exactly once', async () => {
    await server.sql(`update subscriptions set plan_id = 'enterprise' where company_id = $1`, [tenant.companyId]);
    const { dir, agentId } = await enrolAgent({ preApproved: true, name: 'buffered' });
    const agent = startAgent(dir);
    await waitUntil('some telemetry', async () => (await agentRows(agentId)).length >= 5);
    await server.stop();
    // Samples (100 ms apart) pile up in the on-disk outbox while the server is away.
    const during = await waitUntil('samples buffered', async () => {
      const now = await runtime(dir);
      return now.outboxSize > 10 ? now : undefined;
    });
    expect(during.connected).toBe(false);
    await server.start();
    await waitUntil('agent reconnected', async () => (await runtime(dir)).connected === true, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    agent.child.kill('SIGTERM');
    expect(await agent.exited).toBe(0);
    const final = await runtime(dir);
    expect(final.droppedSamples).toBe(0);
    expect(final.lastAckedSeq).toBeGreaterThan(during.lastSeq);
    // Acks come about once a second, so at 10 samples a second up to a second's worth (plus a sample taken
    // in the last instant) may wait in the outbox at SIGTERM: the next run resends them, deduplicated.
    expect(final.outboxSize).toBe(final.lastSeq - final.lastAckedSeq);
    expect(final.outboxSize).toBeLessThanOrEqual(13);
    const rows = await agentRows(agentId);
    // Stored exactly once, no gaps: seq 1..K. Everything acknowledged is there (K ≥ lastAckedSeq), and
    // what is not stored is still in the outbox (K ≥ lastSeq − outboxSize): nothing is lost. K may
    // exceed lastAckedSeq by a sample whose ack was in flight at SIGTERM; its resend is deduplicated.
    const stored = rows.length;
    expect(rows.map((row) => Number(row.seq))).toEqual(Array.from({ length: stored }, (_, i) => i + 1));
    expect(stored).toBeGreaterThanOrEqual(final.lastAckedSeq);
    expect(stored).toBeLessThanOrEqual(final.lastSeq);
    await server.sql(`update subscriptions set plan_id = 'professional' where company_id = $1`, [tenant.companyId]);
  });

  it('moves files between two agents: a transfer started through the API lands byte-exact', async () => {
    const sourceRoot = await stateDir();
    const destinationRoot = await stateDir();
    await mkdir(join(sourceRoot, 'outgoing', 'nested'), { recursive: true });
    const big = randomBytes(24 * 1024 * 1024);
    await writeFile(join(sourceRoot, 'outgoing', 'big.bin'), big);
    await writeFile(join(sourceRoot, 'outgoing', 'nested', 'small.txt'), 'hello from the source agent\n');
    await writeFile(join(sourceRoot, 'outgoing', 'empty'), '');
    const source = await enrolAgent({ preApproved: true, name: 'mover-source', root: sourceRoot });
    const destination = await enrolAgent({ preApproved: true, name: 'mover-destination', root: destinationRoot });
    const sourceRun = startAgent(source.dir);
    const destinationRun = startAgent(destination.dir);
    const created = await server.request('POST', `/api/v1/projects/${tenant.projectId}/transfers`, {
      token: tenant.token,
      body: {
        sourceAgentId: source.agentId,
        sourcePaths: ['outgoing'],
        destinationAgentId: destination.agentId,
        destinationDir: 'incoming',
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const finished = await waitUntil(
      'transfer finished',
      async () => {
        const detail = await server.request(
          'GET',
          `/api/v1/projects/${tenant.projectId}/transfers/${created.body.id}`,
          { token: tenant.token },
        );
        return ['succeeded', 'failed'].includes(detail.body.transfer.state) ? detail.body : undefined;
      },
      60_000,
    );
    expect(
      finished.transfer.state,
      `${finished.transfer.stateReason}\n${sourceRun.log()}\n${destinationRun.log()}`,
    ).toBe('succeeded');
    const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
    // Digests, not toEqual: a deep comparison of 24 MiB would stall the test runner.
    expect(sha256(await readFile(join(destinationRoot, 'incoming', 'outgoing', 'big.bin')))).toBe(sha256(big));
    expect(await readFile(join(destinationRoot, 'incoming', 'outgoing', 'nested', 'small.txt'), 'utf8')).toBe(
      'hello from the source agent\n',
    );
    expect((await stat(join(destinationRoot, 'incoming', 'outgoing', 'empty'))).size).toBe(0);
    expect(finished.transfer).toMatchObject({ bytesDone: big.length + 28, stateReason: null });
    expect(finished.files.find((f: { path: string }) => f.path.endsWith('big.bin'))).toMatchObject({
      status: 'done',
      size: big.length,
      sha256: sha256(big),
    });
    sourceRun.child.kill('SIGTERM');
    destinationRun.child.kill('SIGTERM');
    await Promise.all([sourceRun.exited, destinationRun.exited]);
  }, 90_000);

  it('an agent enrolled without a root refuses transfers both ways, and the transfer says why', async () => {
    const sourceRoot = await stateDir();
    await mkdir(join(sourceRoot, 'outgoing'));
    await writeFile(join(sourceRoot, 'outgoing', 'note.txt'), 'hello\n');
    const rooted = await enrolAgent({ preApproved: true, name: 'rooted', root: sourceRoot });
    const rootless = await enrolAgent({ preApproved: true, name: 'rootless' });
    const runs = [startAgent(rooted.dir), startAgent(rootless.dir)];
    const transfer = async (sourceAgentId: string, destinationAgentId: string, sourcePaths: string[]) => {
      const created = await server.request('POST', `/api/v1/projects/${tenant.projectId}/transfers`, {
        token: tenant.token,
        body: { sourceAgentId, sourcePaths, destinationAgentId, destinationDir: 'incoming' },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      return waitUntil(
        'the transfer to end',
        async () => {
          const detail = await server.request(
            'GET',
            `/api/v1/projects/${tenant.projectId}/transfers/${created.body.id}`,
            { token: tenant.token },
          );
          return ['succeeded', 'failed'].includes(detail.body.transfer.state) ? detail.body.transfer : undefined;
        },
        60_000,
      );
    };
    // Before, the state folder was the root: files landed next to the agent's key.
    const into = await transfer(rooted.agentId, rootless.agentId, ['outgoing']);
    expect(into.state, runs[1]?.log()).toBe('failed');
    expect(into.stateReason).toMatch(/the destination agent has no transfer root: add one .*tcpa-agent roots add DIR/);
    expect(await readdir(rootless.dir)).not.toContain('incoming');
    // …and the key could be read out of it.
    const outOf = await transfer(rootless.agentId, rooted.agentId, ['agent.json']);
    expect(outOf.state, runs[0]?.log()).toBe('failed');
    expect(outOf.stateReason).toMatch(/the source agent has no transfer root: add one .*tcpa-agent roots add DIR/);
    expect(await readdir(sourceRoot)).not.toContain('incoming');
    for (const run of runs) run.child.kill('SIGTERM');
    await Promise.all(runs.map((run) => run.exited));
  }, 120_000);

  it('refuses enrolment beyond the plan with the limit in words', async () => {
    await server.sql(`update subscriptions set plan_id = 'free' where company_id = $1`, [tenant.companyId]);
    const token = await enrolmentToken({ preApproved: true, reusable: true });
    const refused = await agentCli([
      'enrol',
      '--server',
      server.url,
      '--token',
      token,
      '--state-dir',
      await stateDir(),
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr + refused.stdout).toMatch(/Free plan allows at most 2 agents/);
    await server.sql(`update subscriptions set plan_id = 'professional' where company_id = $1`, [tenant.companyId]);
  });

  it('installs with the one-line command the dashboard shows', async () => {
    await run(process.execPath, ['--import', 'tsx', AGENT_BUILD], { timeout: 60_000 });
    const home = await stateDir();
    const root = join(home, "team's files");
    await mkdir(root);
    const created = await server.request('POST', `/api/v1/projects/${tenant.projectId}/enrolment-tokens`, {
      token: tenant.token,
      body: { preApproved: true, root },
    });
    const { stdout, stderr } = await run('sh', ['-c', created.body.installCommand], {
      env: { ...process.env, HOME: home, TCPA_AGENT_HOME: home },
      timeout: 60_000,
    });
    expect(stdout + stderr).toMatch(/enrolled/i);
    expect(stdout).toContain(`Transfer roots: ${root}.`);
    const agents = await server.request('GET', `/api/v1/projects/${tenant.projectId}/agents`, { token: tenant.token });
    expect(agents.body.agents.map((a: { hostname: string | null }) => a.hostname)).toContain(
      (await import('node:os')).hostname(),
    );
  });
});
