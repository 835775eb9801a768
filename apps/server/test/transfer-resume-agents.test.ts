import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type LiveServer, startLiveServer } from './live-server.ts';
import { waitUntil } from './wait-until.ts';

/**
 * Resume at the orchestration level: a real agent process is killed with SIGKILL mid-transfer,
 * the control plane puts the transfer back in the queue, and when the agent is started again
 * the transfer runs again and continues from the destination's journal.
 */
const AGENT_CLI = new URL('../../agent/bin/tcpa-agent.mjs', import.meta.url).pathname;
const run = promisify(execFile);
const SIZE = 24 * 1024 * 1024;
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('transfer resume after kill -9 of an agent process', () => {
  let server: LiveServer;
  let token: string;
  let projectId: string;
  const dirs: string[] = [];
  const processes: ChildProcess[] = [];

  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tcpa-resume-e2e-'));
    dirs.push(dir);
    return dir;
  };

  const enrol = async (name: string, root: string) => {
    const dir = await tempDir();
    const created = await server.request('POST', `/api/v1/projects/${projectId}/enrolment-tokens`, {
      token,
      body: { preApproved: true },
    });
    const args = ['enrol', '--server', server.url, '--token', created.body.secret, '--state-dir', dir];
    await run(process.execPath, [AGENT_CLI, ...args, '--name', name, '--root', root], { timeout: 20_000 });
    const { stdout } = await run(process.execPath, [AGENT_CLI, 'status', '--state-dir', dir, '--json']);
    return { dir, agentId: JSON.parse(stdout).agentId as string };
  };

  const startAgent = (dir: string) => {
    const child = spawn(process.execPath, [AGENT_CLI, 'run', '--state-dir', dir], { stdio: 'ignore' });
    processes.push(child);
    return child;
  };

  const detail = async (id: string) =>
    (await server.request('GET', `/api/v1/projects/${projectId}/transfers/${id}`, { token })).body;

  beforeAll(async () => {
    server = await startLiveServer({ HEARTBEAT_SECONDS: '2' });
    const signup = await server.request('POST', '/api/v1/auth/signup', {
      body: { email: 'ops@resume.test', password: 'correct horse battery', companyName: 'Resume Co' },
    });
    token = signup.body.accessToken;
    await server.sql(`update subscriptions set plan_id = 'professional' where company_id = $1`, [
      signup.body.company.id,
    ]);
    projectId = (await server.request('POST', '/api/v1/projects', { token, body: { name: 'resume' } })).body.id;
  });

  afterEach(() => {
    for (const child of processes.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  });

  afterAll(async () => {
    await server?.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it.each(['destination', 'source'] as const)(
    'continues from the journal when the %s agent is killed mid-transfer and started again',
    async (victim) => {
      const sourceRoot = await tempDir();
      const destinationRoot = await tempDir();
      await mkdir(join(sourceRoot, 'outgoing'));
      const content = randomBytes(SIZE);
      await writeFile(join(sourceRoot, 'outgoing', 'big.bin'), content);
      const source = await enrol(`resume-source-${victim}`, sourceRoot);
      const destination = await enrol(`resume-destination-${victim}`, destinationRoot);
      const agents = { source: startAgent(source.dir), destination: startAgent(destination.dir) };
      const created = await server.request('POST', `/api/v1/projects/${projectId}/transfers`, {
        token,
        body: {
          sourceAgentId: source.agentId,
          sourcePaths: ['outgoing'],
          destinationAgentId: destination.agentId,
          destinationDir: 'incoming',
          bandwidthLimitBps: 64_000_000, // 8 MB/s: about 3 s, time to kill it halfway
        },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);

      // Progress reaches the server about once a second, so what it shows is acknowledged already.
      const doneBeforeKill = await waitUntil(
        'some progress',
        async () => {
          const { transfer } = await detail(created.body.id);
          return transfer.bytesDone >= 8 * 1024 * 1024 && transfer.bytesDone;
        },
        30_000,
      );
      agents[victim].kill('SIGKILL');
      const requeued = await waitUntil(
        'the transfer to wait for the agent',
        async () => {
          const { transfer } = await detail(created.body.id);
          return transfer.state === 'queued' && transfer;
        },
        30_000,
      );
      expect(requeued.stateReason).toMatch(new RegExp(`${victim} agent`));
      agents[victim] = startAgent(victim === 'source' ? source.dir : destination.dir);

      const finished = await waitUntil(
        'the transfer to finish',
        async () => {
          const body = await detail(created.body.id);
          return ['succeeded', 'failed'].includes(body.transfer.state) && body;
        },
        30_000,
      );
      expect(finished.transfer.state, finished.transfer.stateReason).toBe('succeeded');
      const landed = await readFile(join(destinationRoot, 'incoming', 'outgoing', 'big.bin'));
      expect(sha256(landed)).toBe(sha256(content));
      const stats = finished.transfer.stats as { bytesResumed: number; bytesSent: number };
      // The last attempt took up what the journal held, everything acknowledged before the kill
      // included, and sent only the rest: nothing acknowledged went over the wire twice.
      expect(stats.bytesResumed).toBeGreaterThanOrEqual(doneBeforeKill);
      expect(stats.bytesSent).toBe(SIZE - stats.bytesResumed);
      const file = finished.files.find((entry: { path: string }) => entry.path.endsWith('big.bin'));
      expect(file).toMatchObject({ status: 'done', sha256: sha256(content) });
    },
    60_000,
  );
});
