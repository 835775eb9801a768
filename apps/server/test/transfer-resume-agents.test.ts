import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AgentProcesses } from './agent-processes.ts';
import { type LiveServer, signUpWithProject, startLiveServer } from './live-server.ts';
import { waitUntil } from './wait-until.ts';

/**
 * Resume at the orchestration level: a real agent process is killed with SIGKILL mid-transfer,
 * the control plane puts the transfer back in the queue, and when the agent is started again
 * the transfer runs again and continues from the destination's journal.
 */
const SIZE = 24 * 1024 * 1024;
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('transfer resume after kill -9 of an agent process', () => {
  let server: LiveServer;
  let token: string;
  let projectId: string;
  const agentProcesses = new AgentProcesses('tcpa-resume-e2e-');
  const tempDir = () => agentProcesses.tempDir();
  const enrol = (name: string, root: string) => agentProcesses.enrol(server, { token, projectId, name, root });
  const startAgent = (dir: string) => agentProcesses.start(dir);

  const detail = async (id: string) =>
    (await server.request('GET', `/api/v1/projects/${projectId}/transfers/${id}`, { token })).body;

  beforeAll(async () => {
    server = await startLiveServer({ HEARTBEAT_SECONDS: '2' });
    ({ token, projectId } = await signUpWithProject(server, 'resume'));
  });

  afterEach(() => agentProcesses.killAll());

  afterAll(async () => {
    await agentProcesses.removeAll();
    await server?.close();
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
