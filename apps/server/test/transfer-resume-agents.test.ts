import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useAgentPlatform } from './agent-platform.ts';
import { waitUntil } from './wait-until.ts';

/**
 * Resume at the orchestration level: a real agent process is killed with SIGKILL mid-transfer,
 * the control plane puts the transfer back in the queue, and when the agent is started again
 * the transfer runs again and continues from the destination's journal.
 */
const SIZE = 24 * 1024 * 1024;
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('transfer resume after kill -9 of an agent process', () => {
  const platform = useAgentPlatform('resume');
  const { agents: agentProcesses, detail } = platform;

  it.each(['destination', 'source'] as const)(
    'continues from the journal when the %s agent is killed mid-transfer and started again',
    async (victim) => {
      const content = randomBytes(SIZE);
      const pair = await platform.setUpPair(`resume-${victim}`, { 'big.bin': content });
      const { source, destination, destinationRoot } = pair;
      const agents = { source: pair.sourceProcess, destination: pair.destinationProcess };
      // 8 MB/s: about 3 s, time to kill it halfway.
      const id = await pair.createTransfer(['outgoing'], { bandwidthLimitBps: 64_000_000 });

      // Progress reaches the server about once a second, so what it shows is acknowledged already.
      const doneBeforeKill = await waitUntil(
        'some progress',
        async () => {
          const { transfer } = await detail(id);
          return transfer.bytesDone >= 8 * 1024 * 1024 && transfer.bytesDone;
        },
        30_000,
      );
      agents[victim]?.kill('SIGKILL');
      const requeued = await waitUntil(
        'the transfer to wait for the agent',
        async () => {
          const { transfer } = await detail(id);
          return transfer.state === 'queued' && transfer;
        },
        30_000,
      );
      expect(requeued.stateReason).toMatch(new RegExp(`${victim} agent`));
      agents[victim] = agentProcesses.start(victim === 'source' ? source.dir : destination.dir);

      const finished = await waitUntil(
        'the transfer to finish',
        async () => {
          const body = await detail(id);
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
