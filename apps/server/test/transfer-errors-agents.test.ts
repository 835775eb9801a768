import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useAgentPlatform } from './agent-platform.ts';
import { waitUntil } from './wait-until.ts';

/**
 * How failures are told apart, with real agent processes: a permanent one fails the transfer at
 * once, a per-file one fails that file only, a passing one (the destination restarting) waits,
 * says what it waits for and uses no attempt, and a running row no agent runs is requeued.
 */
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('errors are classified (real agent processes)', () => {
  const platform = useAgentPlatform('errors', { TRANSFER_STALL_SECONDS: '10' });
  const { agents, api, detail } = platform;
  const waitForState = (id: string, states: string[], timeoutMs = 40_000) =>
    platform.waitForState(id, states, timeoutMs);
  const setUp = platform.setUpPair;

  it('fails a transfer of a missing source at once, on its first attempt, saying why', async () => {
    const { createTransfer } = await setUp('missing', { 'here.txt': Buffer.from('here') });
    const id = await createTransfer(['not-there']);
    const finished = await waitForState(id, ['succeeded', 'failed']);
    expect(finished.transfer).toMatchObject({ state: 'failed', attempts: 1, waitingFor: null });
    expect(finished.transfer.stateReason).toMatch(/source not found: .*not-there/);
  }, 60_000);

  it('fails only the file the destination cannot hold; delivered files stay delivered', async () => {
    const files = { 'a.txt': randomBytes(1000), 'b.txt': randomBytes(1000), 'c.txt': randomBytes(1000) };
    const { destinationRoot, createTransfer } = await setUp('per-file', files);
    // Where b.txt should land, the destination holds a folder with something in it.
    await mkdir(join(destinationRoot, 'incoming', 'outgoing', 'b.txt'), { recursive: true });
    await writeFile(join(destinationRoot, 'incoming', 'outgoing', 'b.txt', 'keep'), 'mine');
    const id = await createTransfer(['outgoing']);
    const finished = await waitForState(id, ['succeeded', 'failed']);
    expect(finished.transfer.attempts, finished.transfer.stateReason).toBe(1);
    expect(finished.transfer.stateReason).toMatch(/1 of 3 files could not be delivered \(outgoing\/b\.txt: /);
    const record = (name: string) => finished.files.find((file: { path: string }) => file.path === `outgoing/${name}`);
    for (const name of ['a.txt', 'c.txt'] as const) {
      expect(record(name)).toMatchObject({ status: 'done', sha256: sha256(files[name]), error: null });
      expect(await readFile(join(destinationRoot, 'incoming', 'outgoing', name))).toEqual(files[name]);
    }
    expect(record('b.txt')).toMatchObject({ status: 'failed' });
    expect(record('b.txt').error).toBeTruthy();
    expect(await readFile(join(destinationRoot, 'incoming', 'outgoing', 'b.txt', 'keep'), 'utf8')).toBe('mine');
  }, 60_000);

  it('waits for a destination killed mid-transfer, says so, uses no attempt and finishes when it is back', async () => {
    const content = randomBytes(24 * 1024 * 1024);
    const setup = await setUp('restart', { 'big.bin': content });
    // 32 Mbit/s: about 6 s, time to kill the destination halfway.
    const id = await setup.createTransfer(['outgoing'], { bandwidthLimitBps: 32_000_000 });
    await waitUntil('some progress', async () => (await detail(id)).transfer.bytesDone >= 4 * 1024 * 1024, 30_000);
    const dataPort = async () =>
      (
        await platform.server.sql<{ data_port: number | null }>('select data_port from agents where id = $1', [
          setup.destination.agentId,
        ])
      )[0]?.data_port;
    const portBefore = await dataPort();
    expect(portBefore).toBeGreaterThan(0);
    setup.destinationProcess?.kill('SIGKILL');
    const waiting = await waitUntil(
      'the transfer to say what it waits for',
      async () => {
        const { transfer } = await detail(id);
        return transfer.state === 'queued' && transfer.waitingFor && transfer;
      },
      30_000,
    );
    expect(waiting.waitingFor).toMatch(/^the destination agent is (unreachable|offline)$/);
    expect(Date.parse(waiting.waitingSince)).toBeGreaterThan(Date.now() - 60_000);
    expect(waiting.attempts).toBe(0);
    // Down for a while: the wait goes on without using attempts.
    await new Promise((resolve) => setTimeout(resolve, 4000));
    expect((await detail(id)).transfer).toMatchObject({ state: 'queued', attempts: 0 });

    agents.start(setup.destination.dir);
    const finished = await waitForState(id, ['succeeded', 'failed'], 60_000);
    expect(finished.transfer, finished.transfer.stateReason).toMatchObject({
      state: 'succeeded',
      attempts: 1,
      waitingFor: null,
    });
    // The restarted destination listens where it did before (kept in its state folder).
    expect(await dataPort()).toBe(portBefore);
    expect(sha256(await readFile(join(setup.destinationRoot, 'incoming', 'outgoing', 'big.bin')))).toBe(
      sha256(content),
    );
  }, 120_000);

  it('requeues a transfer left running that its agents no longer run, freeing their slots', async () => {
    const content = randomBytes(64 * 1024);
    const setup = await setUp('stuck', { 'small.bin': content }, { startDestination: false });
    const id = await setup.createTransfer(['outgoing']);
    await waitUntil('the source to be online', async () => {
      const { body } = await api('GET', `/agents/${setup.source.agentId}`);
      return body.online === true;
    });
    // A row left "running" that no agent runs (a lost outcome, a node gone without a word).
    await platform.server.sql(
      `update transfers set state = 'running', attempts = 1, updated_at = now() - interval '1 hour' where id = $1`,
      [id],
    );
    await waitUntil(
      'the stuck transfer to be requeued',
      async () => (await detail(id)).transfer.state === 'queued',
      30_000,
    );
    agents.start(setup.destination.dir);
    const finished = await waitForState(id, ['succeeded', 'failed']);
    expect(finished.transfer.state, finished.transfer.stateReason).toBe('succeeded');
    expect(await readFile(join(setup.destinationRoot, 'incoming', 'outgoing', 'small.bin'))).toEqual(content);
  }, 90_000);
});
