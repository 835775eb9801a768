import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sendTransfer } from '../../src/transfer/send-transfer.ts';
import type { SendTransferOptions } from '../../src/transfer/send-transfer-types.ts';
import type { TransferProgress } from '../../src/transfer/transfer-progress.ts';
import { createTransferFixture, type TransferFixture } from './support/transfer-fixture.ts';

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

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Random 1 MiB blocks with zero gaps between: realistic to hash, quick to make. */
function writeSparseRandom(path: string, mebibytes: number): void {
  const block = randomBytes(1 << 20);
  const zeros = Buffer.alloc(1 << 20);
  const parts: Buffer[] = [];
  for (let index = 0; index < mebibytes; index += 1) {
    if (index % 3 === 2) parts.push(zeros);
    else {
      block.writeUInt32BE(index, 0);
      parts.push(Buffer.from(block));
    }
  }
  writeFileSync(path, Buffer.concat(parts));
}

describe('sendTransfer to a DataChannelServer', () => {
  it('sends a 256 MiB file byte-exact, keeping mtime and mode, with a few progress events a second', async () => {
    const source = join(fixture.sourceRoot, 'big.bin');
    writeSparseRandom(source, 256);
    const mtime = new Date('2024-03-01T10:00:00Z');
    utimesSync(source, mtime, mtime);
    const events: TransferProgress[] = [];
    const transfer = await send([source], { onProgress: (progress) => events.push(progress) });
    const started = Date.now();
    const result = await transfer.result;
    const seconds = (Date.now() - started) / 1000;

    expect(result.ok).toBe(true);
    const landed = join(fixture.destinationRoot, 'big.bin');
    expect(sha(landed)).toBe(sha(source));
    expect(statSync(landed).mtime.toISOString()).toBe(mtime.toISOString());
    expect(statSync(landed).mode & 0o777).toBe(statSync(source).mode & 0o777);
    expect(result.bytesSent).toBe(256 << 20);
    expect(events.at(-1)).toMatchObject({ bytesDone: 256 << 20, filesDone: 1, filesTotal: 1 });
    expect(events.length).toBeLessThanOrEqual(Math.ceil(seconds * 4) + 2);
    expect(readdirSync(fixture.destinationRoot)).toEqual(['big.bin']); // no partial or journal left
  });

  it('sends a tree of 2,000 small files, empty files and empty directories', async () => {
    const tree = join(fixture.sourceRoot, 'tree');
    for (let dir = 0; dir < 20; dir += 1) {
      mkdirSync(join(tree, `d${dir}`, 'nested'), { recursive: true });
      for (let file = 0; file < 100; file += 1) {
        writeFileSync(join(tree, `d${dir}`, file % 2 ? 'nested' : '', `f${file}.txt`), randomBytes(file * 37));
      }
    }
    mkdirSync(join(tree, 'empty-dir', 'deeper'), { recursive: true });
    writeFileSync(join(tree, 'empty-file'), '');
    const result = await (await send([tree])).result;

    expect(result.ok).toBe(true);
    expect(result.files.filter((file) => file.kind === 'file')).toHaveLength(2001);
    for (let dir = 0; dir < 20; dir += 1) {
      for (const file of [0, 1, 98, 99]) {
        const relative = join(`d${dir}`, file % 2 ? 'nested' : '', `f${file}.txt`);
        expect(sha(join(fixture.destinationRoot, 'tree', relative))).toBe(sha(join(tree, relative)));
      }
    }
    expect(statSync(join(fixture.destinationRoot, 'tree/empty-dir/deeper')).isDirectory()).toBe(true);
    expect(statSync(join(fixture.destinationRoot, 'tree/empty-file')).size).toBe(0);
  });

  it('changes stream count and chunk size while running', async () => {
    const source = join(fixture.sourceRoot, 'mid.bin');
    writeSparseRandom(source, 96);
    const seen = new Set<string>();
    // Each change waits for a report showing the one before at work: under load, hashing and
    // connecting can take longer than any fixed delay.
    const changes = [
      {
        after: `2/${1 << 20}`,
        apply: () => {
          transfer.setStreams(6);
          transfer.setChunkSize(256 * 1024);
        },
      },
      { after: `6/${256 * 1024}`, apply: () => transfer.setStreams(1) },
    ];
    const transfer = await send([source], {
      streams: 2,
      chunkSize: 1 << 20,
      bandwidthLimit: 64 << 20,
      progressIntervalMs: 100,
      onProgress: (progress) => {
        const shape = `${progress.streams}/${progress.chunkSize}`;
        seen.add(shape);
        if (changes[0]?.after === shape && progress.bytesDone > 0) changes.shift()?.apply();
      },
    });
    const result = await transfer.result;
    expect(result.ok).toBe(true);
    expect(sha(join(fixture.destinationRoot, 'mid.bin'))).toBe(sha(source));
    expect(seen).toContain(`2/${1 << 20}`);
    expect(seen).toContain(`6/${256 * 1024}`);
    expect(seen).toContain(`1/${256 * 1024}`);
  });

  it('keeps the bandwidth limit within 5%', async () => {
    const source = join(fixture.sourceRoot, 'limited.bin');
    writeFileSync(source, randomBytes(32 << 20));
    const limit = 10 << 20; // 10 MiB/s → about 3.2 s
    const samples: Array<{ at: number; bytes: number }> = [];
    const transfer = await send([source], {
      bandwidthLimit: limit,
      chunkSize: 256 * 1024,
      progressIntervalMs: 50,
      onProgress: (progress) => samples.push({ at: performance.now(), bytes: progress.bytesDone }),
    });
    const result = await transfer.result;
    expect(result.ok).toBe(true);
    // From the first acknowledged byte to the last: hashing and connecting are not rate-limited.
    const first = samples.find((sample) => sample.bytes > 0);
    const last = samples.at(-1);
    if (!first || !last) throw new Error('no progress');
    const rate = ((last.bytes - first.bytes) * 1000) / (last.at - first.at);
    expect(Math.abs(rate - limit) / limit).toBeLessThan(0.05);
  });

  it('applies the overwrite policies: skip identical, overwrite, keep both', async () => {
    const source = join(fixture.sourceRoot, 'doc.txt');
    writeFileSync(source, 'version one');
    expect((await (await send([source])).result).files[0]?.status).toBe('written');

    // Another mtime at the destination: past the quick check, the same-size copy is compared by hash.
    utimesSync(join(fixture.destinationRoot, 'doc.txt'), new Date(2020, 0, 1), new Date(2020, 0, 1));
    const again = await (await send([source])).result;
    expect(again.files[0]).toMatchObject({ status: 'skipped', reason: 'identical file exists' });
    expect(again.bytesSent).toBe(0);

    writeFileSync(source, 'version two');
    const kept = await (await send([source], { overwrite: 'keep_both' })).result;
    expect(kept.files[0]).toMatchObject({ status: 'written', landedPath: 'doc (1).txt' });
    expect(readFileSync(join(fixture.destinationRoot, 'doc.txt'), 'utf8')).toBe('version one');
    expect(readFileSync(join(fixture.destinationRoot, 'doc (1).txt'), 'utf8')).toBe('version two');

    writeFileSync(source, 'version three');
    await (await send([source], { overwrite: 'overwrite' })).result;
    expect(readFileSync(join(fixture.destinationRoot, 'doc.txt'), 'utf8')).toBe('version three');
  });

  it('fails a file whose source changes during the transfer, and sends the others', async () => {
    const dir = join(fixture.sourceRoot, 'set');
    mkdirSync(dir);
    writeFileSync(join(dir, 'changing.bin'), randomBytes(8 << 20));
    writeFileSync(join(dir, 'steady.txt'), 'steady');
    let changed = false;
    const transfer = await send([dir], {
      bandwidthLimit: 8 << 20,
      chunkSize: 256 * 1024,
      progressIntervalMs: 100,
      onProgress: (progress) => {
        if (changed || progress.bytesDone === 0) return;
        changed = true;
        writeFileSync(join(dir, 'changing.bin'), randomBytes(1024));
      },
    });
    const result = await transfer.result;
    expect(result.ok).toBe(false);
    expect(result.files.find((file) => file.path === 'set/changing.bin')).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('changed during transfer'),
    });
    expect(result.files.find((file) => file.path === 'set/steady.txt')?.status).toBe('written');
    expect(readdirSync(join(fixture.destinationRoot, 'set'))).not.toContain('changing.bin');
  });

  it('fails only the file the destination cannot write, with the reason', async () => {
    const dir = join(fixture.sourceRoot, 'set');
    mkdirSync(dir);
    writeFileSync(join(dir, 'blocked.txt'), 'blocked');
    writeFileSync(join(dir, 'fine.txt'), 'fine');
    mkdirSync(join(fixture.destinationRoot, 'set', 'blocked.txt'), { recursive: true });
    const result = await (await send([dir])).result;
    expect(result.files.find((file) => file.path === 'set/blocked.txt')).toMatchObject({
      status: 'failed',
      reason: 'destination exists and is not a regular file',
    });
    expect(readFileSync(join(fixture.destinationRoot, 'set/fine.txt'), 'utf8')).toBe('fine');
  });
});
