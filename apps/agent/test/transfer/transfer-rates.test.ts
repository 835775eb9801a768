import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sendTransfer } from '../../src/transfer/send-transfer.ts';
import type { SendTransferOptions } from '../../src/transfer/send-transfer-types.ts';
import type { TransferProgress } from '../../src/transfer/transfer-progress.ts';
import { createTransferFixture, type TransferFixture } from './support/transfer-fixture.ts';

const MIB = 1024 * 1024;
let fixture: TransferFixture;
beforeEach(async () => {
  fixture = await createTransferFixture();
});
afterEach(async () => {
  await fixture.cleanup();
});

async function send(paths: string[], options: Partial<SendTransferOptions> = {}) {
  return sendTransfer({
    roots: [fixture.sourceRoot],
    paths,
    destination: { host: '127.0.0.1', port: fixture.port, fingerprint: fixture.fingerprint },
    token: await fixture.token({ paths }),
    ...options,
  });
}

describe('transfer rates', () => {
  it('a capped retry that skips identical files reports the rate it sends at, not the skipped bytes', async () => {
    const dir = join(fixture.sourceRoot, 'set');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.bin'), randomBytes(48 * MIB));
    writeFileSync(join(dir, 'b.bin'), randomBytes(48 * MIB));
    expect((await (await send([dir])).result).ok).toBe(true);

    writeFileSync(join(dir, 'c.bin'), randomBytes(6 * MIB));
    const limit = 4 * MIB; // bytes per second
    const reports: TransferProgress[] = [];
    const retry = await send([dir], {
      bandwidthLimit: limit,
      chunkSize: 256 * 1024,
      progressIntervalMs: 100,
      onProgress: (progress) => reports.push(progress),
    });
    const result = await retry.result;
    expect(result.files.filter((file) => file.kind === 'file' && file.status === 'skipped')).toHaveLength(2);
    expect(reports.at(-1)?.bytesDone).toBe(102 * MIB);
    // The skipped 96 MiB arrive as two file results within the first reports: counted as sent, they read as ~1 GB/s.
    const highest = Math.max(...reports.map((report) => report.rateBytesPerSecond));
    expect(highest).toBeGreaterThan(0);
    expect(highest).toBeLessThan(limit * 1.25);
    // The attempt's average: bytes sent over time spent sending.
    expect((result.bytesSent * 1000) / result.sendingMs).toBeLessThan(limit * 1.1);
  });

  it('counts each identical file once in what the tuner reads as skipped', async () => {
    const dir = join(fixture.sourceRoot, 'many');
    mkdirSync(dir);
    // Small files settle (identical) while the big one is still being hashed, before progress starts.
    for (let file = 0; file < 200; file++) writeFileSync(join(dir, `f${file}.bin`), randomBytes(64 * 1024));
    writeFileSync(join(dir, 'big.bin'), randomBytes(32 * MIB));
    expect((await (await send([dir])).result).ok).toBe(true);

    const retry = await send([dir]);
    const result = await retry.result;
    expect(result.files.filter((file) => file.kind === 'file' && file.status === 'skipped')).toHaveLength(201);
    // The folder, already there, is skipped too and counts no bytes.
    expect(result.files.find((file) => file.kind === 'dir')?.status).toBe('skipped');
    expect(retry.sample().bytesSkipped).toBe(200 * 64 * 1024 + 32 * MIB);
  });
});
