import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { certificateFingerprint } from '../../src/transfer/data-channel-identity.ts';
import { sendTransfer } from '../../src/transfer/send-transfer.ts';
import type { TransferProgress } from '../../src/transfer/transfer-progress.ts';
import { type Child, startChild } from './support/child.ts';
import { createTransferFixture, DESTINATION_AGENT, type TransferFixture } from './support/transfer-fixture.ts';

const SIZE = 64 << 20;
const STREAMS = 4;
const CHUNK = 1 << 20;
// What may be sent but not yet acknowledged when a side dies: each stream's window (8 MiB).
const IN_FLIGHT_BOUND = STREAMS * 8 * (1 << 20);

let fixture: TransferFixture;
const children: Child[] = [];
beforeEach(async () => {
  fixture = await createTransferFixture();
});
afterEach(async () => {
  for (const child of children.splice(0)) await child.kill9();
  await fixture.cleanup();
});

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function makeSource(): string {
  const source = join(fixture.sourceRoot, 'resumable.bin');
  writeFileSync(source, randomBytes(SIZE));
  return source;
}

describe('resume after kill -9', () => {
  it('continues from the journal when the receiver is killed mid-transfer', async () => {
    const source = makeSource();
    const startReceiver = async () => {
      const child = startChild('receiver-process.ts', {
        RECEIVER_CONFIG: JSON.stringify({
          stateDir: join(fixture.base, 'receiver-state'),
          agentId: DESTINATION_AGENT,
          roots: [fixture.destinationRoot],
          jwks: fixture.signer.jwks,
        }),
      });
      children.push(child);
      const port = Number((await child.waitForLine((line) => line.startsWith('port '))).slice(5));
      return { child, port };
    };
    const first = await startReceiver();
    const certificate = readFileSync(join(fixture.base, 'receiver-state', 'data-channel.crt'), 'utf8');
    const fingerprint = certificateFingerprint(certificate);
    const token = await fixture.token({ paths: [source] });
    const options = { roots: [fixture.sourceRoot], paths: [source], token, streams: STREAMS, chunkSize: CHUNK };

    let acked = 0;
    let sentBeforeKill = 0;
    const interrupted = sendTransfer({
      ...options,
      destination: { host: '127.0.0.1', port: first.port, fingerprint },
      bandwidthLimit: 32 << 20,
      progressIntervalMs: 50,
      onProgress: (progress: TransferProgress) => {
        acked = progress.bytesDone;
        sentBeforeKill = progress.bytesSent;
        if (acked >= 24 << 20) void first.child.kill9();
      },
    });
    await expect(interrupted.result).rejects.toMatchObject({ code: 'connection_lost' });

    const second = await startReceiver();
    const resumed = await sendTransfer({
      ...options,
      destination: { host: '127.0.0.1', port: second.port, fingerprint },
    }).result;
    expect(resumed.ok).toBe(true);
    expect(sha(join(fixture.destinationRoot, 'resumable.bin'))).toBe(sha(source));
    expect(resumed.bytesResumed).toBeGreaterThanOrEqual(acked);
    expect(resumed.bytesSent).toBe(SIZE - resumed.bytesResumed);
    expect(sentBeforeKill + resumed.bytesSent - SIZE).toBeLessThanOrEqual(IN_FLIGHT_BOUND);
  });

  it('continues from the journal when the sender is killed mid-transfer', async () => {
    const source = makeSource();
    const token = await fixture.token({ paths: [source] });
    const options = {
      roots: [fixture.sourceRoot],
      paths: [source],
      token,
      streams: STREAMS,
      chunkSize: CHUNK,
      destination: { host: '127.0.0.1', port: fixture.port, fingerprint: fixture.fingerprint },
    };
    const sender = startChild('sender-process.ts', {
      SENDER_OPTIONS: JSON.stringify({ ...options, bandwidthLimit: 32 << 20 }),
    });
    children.push(sender);
    const line = await sender.waitForLine((text) => text.startsWith('{') && JSON.parse(text).bytesDone >= 24 << 20);
    await sender.kill9();
    const { bytesDone: acked, bytesSent: sentBeforeKill } = JSON.parse(line) as TransferProgress;
    await sleep(100); // the receiver notices the closed streams

    const resumed = await sendTransfer(options).result;
    expect(resumed.ok).toBe(true);
    expect(sha(join(fixture.destinationRoot, 'resumable.bin'))).toBe(sha(source));
    expect(resumed.bytesResumed).toBeGreaterThanOrEqual(acked);
    expect(resumed.bytesSent).toBe(SIZE - resumed.bytesResumed);
    // Progress lines lag the kill by up to 50 ms at 32 MiB/s, so allow that on top of the window.
    expect(sentBeforeKill + resumed.bytesSent - SIZE).toBeLessThanOrEqual(IN_FLIGHT_BOUND + (4 << 20));
  });
});
