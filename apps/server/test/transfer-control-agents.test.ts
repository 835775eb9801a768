import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { partialPaths } from '../../agent/src/transfer/incoming-file.ts';
import { useAgentPlatform } from './agent-platform.ts';
import { waitUntil } from './wait-until.ts';

/**
 * What a person does to a transfer between two real agent processes: pause and resume it, cancel
 * it, start it while the destination is offline. Checked through the REST API and on disk.
 */
const SIZE = 24 * 1024 * 1024;
/** 32 Mbit/s (4 MB/s): about 6 s for SIZE, time to act on it while it runs. */
const SLOW = 32_000_000;
const STILL_MS = 1500;
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
/** Journal lines are appended as chunks land, so its size shows whether the destination still writes. */
const journalSize = async (path: string) => (await stat(partialPaths(path).journal).catch(() => undefined))?.size ?? 0;

/** The per-file record the API shows for `outgoing/<name>` (the folder itself has one too). */
const fileRecord = (detail: { files: Array<{ path: string }> }, name: string) =>
  detail.files.find((file) => file.path === `outgoing/${name}`);
const doneRecord = (name: string, content: Buffer) => ({
  path: `outgoing/${name}`,
  size: content.length,
  sha256: sha256(content),
  status: 'done',
  error: null,
  sourceDeleted: false,
});

describe('pause, resume, cancel and offline destination with real agent processes', () => {
  const platform = useAgentPlatform('control');
  const { agents, api, detail } = platform;
  const waitForState = (id: string, states: string[], what: string) => platform.waitForState(id, states, 30_000, what);
  const setUpAgents = platform.setUpPair;

  const act = async (id: string, action: 'pause' | 'resume' | 'cancel') => {
    const response = await api('POST', `/transfers/${id}/${action}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  };

  /** Waits until the server shows at least `bytes` done (progress arrives about once a second). */
  const waitForProgress = (id: string, bytes: number) =>
    waitUntil(
      `${bytes} bytes done`,
      async () => {
        const { transfer } = await detail(id);
        return transfer.state === 'running' && transfer.bytesDone >= bytes && (transfer.bytesDone as number);
      },
      30_000,
    );

  /** Neither the destination's journal nor the server's byte count moves for STILL_MS. */
  const expectStill = async (id: string, landed: string) => {
    await sleep(300); // chunks already in the destination's buffers may still be written
    const before = { journal: await journalSize(landed), bytes: (await detail(id)).transfer.bytesDone };
    await sleep(STILL_MS);
    const after = { journal: await journalSize(landed), bytes: (await detail(id)).transfer.bytesDone };
    expect(before.journal).toBeGreaterThan(0);
    expect(after).toEqual(before);
  };

  it('pauses a running transfer (the destination stops writing) and resumes it where it stopped', async () => {
    const content = randomBytes(SIZE);
    const pair = await setUpAgents('pause', { 'big.bin': content });
    const landed = pair.landedPath('big.bin');
    const id = await pair.createTransfer(['outgoing'], { bandwidthLimitBps: SLOW });
    const doneBeforePause = await waitForProgress(id, 6 * 1024 * 1024);

    expect(await act(id, 'pause')).toMatchObject({ state: 'paused', stateReason: 'paused by a user' });
    await expectStill(id, landed);
    const paused = await detail(id);
    expect(paused.transfer).toMatchObject({ state: 'paused', finishedAt: null });
    expect(paused.transfer.bytesDone).toBeLessThan(SIZE);
    expect(existsSync(landed)).toBe(false);

    expect(await act(id, 'resume')).toMatchObject({ state: 'queued' });
    const finished = await waitForState(id, ['succeeded', 'failed', 'canceled'], 'the transfer to finish');
    expect(finished.transfer.state, finished.transfer.stateReason).toBe('succeeded');
    expect(finished.transfer).toMatchObject({ attempts: 2, bytesDone: SIZE, bytesTotal: SIZE });
    expect(sha256(await readFile(landed))).toBe(sha256(content));
    expect(existsSync(partialPaths(landed).part) || existsSync(partialPaths(landed).journal)).toBe(false);
    // The resumed attempt took up everything acknowledged before the pause and sent only the rest.
    const stats = finished.transfer.stats as { bytesResumed: number; bytesSent: number };
    expect(stats.bytesResumed).toBeGreaterThanOrEqual(doneBeforePause);
    expect(stats.bytesSent).toBe(SIZE - stats.bytesResumed);
    expect(fileRecord(finished, 'big.bin')).toEqual(doneRecord('big.bin', content));
  }, 60_000);

  it('cancels a running transfer: both sides stop, no file lands, and the agents run the next one', async () => {
    const content = randomBytes(SIZE);
    const pair = await setUpAgents('cancel', { 'big.bin': content });
    const landed = pair.landedPath('big.bin');
    const id = await pair.createTransfer(['outgoing'], { bandwidthLimitBps: SLOW });
    await waitForProgress(id, 4 * 1024 * 1024);

    expect(await act(id, 'cancel')).toMatchObject({ state: 'canceled', stateReason: 'canceled by a user' });
    await expectStill(id, landed);
    const canceled = await detail(id);
    expect(canceled.transfer.state).toBe('canceled');
    expect(canceled.transfer.finishedAt).not.toBeNull();
    expect(canceled.transfer.bytesDone).toBeLessThan(SIZE);
    expect(canceled.files).toEqual([]);
    expect(existsSync(landed)).toBe(false);
    // The destination keeps the partial file and its journal (receive-session: "stay for a resume").
    expect((await stat(partialPaths(landed).part)).size).toBe(SIZE);
    expect(await journalSize(landed)).toBeGreaterThan(0);

    const next = await pair.createTransfer();
    const finished = await waitForState(next, ['succeeded', 'failed', 'canceled'], 'the next transfer to finish');
    expect(finished.transfer.state, finished.transfer.stateReason).toBe('succeeded');
    expect(sha256(await readFile(landed))).toBe(sha256(content));
    expect(existsSync(partialPaths(landed).part)).toBe(false);
    expect((await detail(id)).transfer.state).toBe('canceled');
  }, 60_000);

  it('waits in the queue while the destination agent is offline and runs once it comes online', async () => {
    const content = randomBytes(3 * 1024 * 1024);
    const pair = await setUpAgents('offline', { 'small.bin': content }, { startDestination: false });
    await waitUntil('the source agent online', async () => {
      const agent = (await api('GET', `/agents/${pair.source.agentId}`)).body;
      return agent.online === true;
    });
    const id = await pair.createTransfer();

    const offline = { state: 'queued', stateReason: 'waiting for the destination agent to come online' };
    const waiting = await waitUntil('the dispatcher to look at the transfer', async () => {
      const { transfer } = await detail(id);
      return transfer.stateReason !== 'waiting to start' && transfer;
    });
    expect(waiting).toMatchObject(offline);
    await sleep(STILL_MS);
    expect((await detail(id)).transfer).toMatchObject({ ...offline, attempts: 0, bytesDone: 0, startedAt: null });

    agents.start(pair.destination.dir);
    const finished = await waitForState(id, ['succeeded', 'failed', 'canceled'], 'the transfer to finish');
    expect(finished.transfer.state, finished.transfer.stateReason).toBe('succeeded');
    expect(finished.transfer).toMatchObject({ attempts: 1, bytesDone: content.length });
    expect(sha256(await readFile(pair.landedPath('small.bin')))).toBe(sha256(content));
    expect(fileRecord(finished, 'small.bin')).toEqual(doneRecord('small.bin', content));
  }, 60_000);
});
