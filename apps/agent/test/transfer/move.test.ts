import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectSources, type SourceEntry } from '../../src/transfer/collect-sources.ts';
import { certificateFingerprint } from '../../src/transfer/data-channel-identity.ts';
import type { FileOutcome } from '../../src/transfer/file-outcomes.ts';
import { sendTransfer } from '../../src/transfer/send-transfer.ts';
import { SourceRemoval } from '../../src/transfer/source-removal.ts';
import { type Child, startChild } from './support/child.ts';
import { createTransferFixture, DESTINATION_AGENT, type TransferFixture } from './support/transfer-fixture.ts';

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

/** `count` random files in `sourceRoot/many`; their hashes by name. */
function makeFiles(count: number, size: number): Map<string, string> {
  const folder = join(fixture.sourceRoot, 'many');
  mkdirSync(folder, { recursive: true });
  const hashes = new Map<string, string>();
  for (let index = 0; index < count; index += 1) {
    const name = `file-${String(index).padStart(4, '0')}.bin`;
    const data = randomBytes(size);
    writeFileSync(join(folder, name), data);
    hashes.set(name, createHash('sha256').update(data).digest('hex'));
  }
  return hashes;
}

describe('move', () => {
  it('deletes each source file once it arrived byte-exact, and keeps the folders', async () => {
    const hashes = makeFiles(40, 20_000);
    writeFileSync(join(fixture.sourceRoot, 'many', 'large.bin'), randomBytes(3 << 20));
    hashes.set('large.bin', sha(join(fixture.sourceRoot, 'many', 'large.bin')));
    const paths = [join(fixture.sourceRoot, 'many')];

    const result = await sendTransfer({
      roots: [fixture.sourceRoot],
      paths,
      destination: { host: '127.0.0.1', port: fixture.port, fingerprint: fixture.fingerprint },
      token: await fixture.token({ paths }),
      chunkSize: 1 << 20,
      mode: 'move',
    }).result;

    expect(result.ok).toBe(true);
    const files = result.files.filter((file) => file.kind === 'file');
    expect(files).toHaveLength(41);
    expect(files.every((file) => file.status === 'written' && file.sourceDeleted === true)).toBe(true);
    expect(readdirSync(join(fixture.sourceRoot, 'many'))).toEqual([]);
    for (const [name, hash] of hashes) expect(sha(join(fixture.destinationRoot, 'many', name))).toBe(hash);
  });

  it('keeps a source file that changed while it was moved, saying why', async () => {
    const big = join(fixture.sourceRoot, 'many', 'big.bin');
    makeFiles(1, 1000);
    writeFileSync(big, randomBytes(12 << 20));
    const paths = [join(fixture.sourceRoot, 'many')];
    let touched = false;

    const result = await sendTransfer({
      roots: [fixture.sourceRoot],
      paths,
      destination: { host: '127.0.0.1', port: fixture.port, fingerprint: fixture.fingerprint },
      token: await fixture.token({ paths }),
      chunkSize: 1 << 20,
      bandwidthLimit: 8 << 20,
      progressIntervalMs: 50,
      mode: 'move',
      onProgress: (progress) => {
        if (touched || progress.bytesDone === 0) return;
        touched = true;
        const later = new Date(Date.now() + 60_000);
        utimesSync(big, later, later); // same bytes, another version by its mtime
      },
    }).result;

    expect(touched).toBe(true);
    const outcome = result.files.find((file) => file.path === 'many/big.bin');
    // Caught while it was read (failed), or once it arrived (written, kept): either way it stays.
    expect(outcome?.reason).toMatch(/changed/);
    expect(outcome?.sourceDeleted).toBeUndefined();
    expect(existsSync(big)).toBe(true);
    expect(existsSync(join(fixture.sourceRoot, 'many', 'file-0000.bin'))).toBe(false);
  });

  it('keeps a file whose mtime or size changed after it was read, once the destination verified it', async () => {
    makeFiles(2, 1000);
    const paths = [join(fixture.sourceRoot, 'many')];
    const { entries } = await collectSources([fixture.sourceRoot], paths);
    const removal = await SourceRemoval.forPaths(entries, paths);
    const [changed, unchanged] = entries.filter((entry) => entry.kind === 'file');
    if (!changed || !unchanged) throw new Error('two files expected');
    writeFileSync(changed.source, 'another version, written after it was read');
    const outcome = (entry: SourceEntry): FileOutcome => ({
      path: entry.path,
      kind: 'file',
      status: 'written',
      size: entry.size,
    });
    const changedOutcome = outcome(changed);
    const unchangedOutcome = outcome(unchanged);
    removal.onSettled(changed.index, changedOutcome);
    removal.onSettled(unchanged.index, unchangedOutcome);
    await removal.settled();

    expect(changedOutcome).toMatchObject({
      reason: 'kept at the source: it changed after it was read (its size or modification time differ)',
    });
    expect(changedOutcome.sourceDeleted).toBeUndefined();
    expect(readFileSync(changed.source, 'utf8')).toBe('another version, written after it was read');
    expect(unchangedOutcome.sourceDeleted).toBe(true);
    expect(existsSync(unchanged.source)).toBe(false);
  });

  it('loses no file when the destination is killed -9 mid-move and the move is sent again', async () => {
    const hashes = makeFiles(240, 64 * 1024);
    const paths = [join(fixture.sourceRoot, 'many')];
    const at = (root: string, name: string) => join(root, 'many', name);
    const violations: string[] = [];
    /** Each file at the source or the destination (checked in that order: a file leaves the source last). */
    const checkEveryFileSomewhere = () => {
      for (const name of hashes.keys()) {
        if (!existsSync(at(fixture.sourceRoot, name)) && !existsSync(at(fixture.destinationRoot, name))) {
          violations.push(name);
        }
      }
    };
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
      return { child, port: Number((await child.waitForLine((line) => line.startsWith('port '))).slice(5)) };
    };
    const first = await startReceiver();
    const fingerprint = certificateFingerprint(
      readFileSync(join(fixture.base, 'receiver-state', 'data-channel.crt'), 'utf8'),
    );
    const watcher = setInterval(checkEveryFileSomewhere, 5);
    try {
      const interrupted = sendTransfer({
        roots: [fixture.sourceRoot],
        paths,
        destination: { host: '127.0.0.1', port: first.port, fingerprint },
        token: await fixture.token({ paths, attempt: 1 }),
        mode: 'move',
        bandwidthLimit: 4 << 20,
        progressIntervalMs: 20,
        onProgress: (progress) => {
          if (progress.filesDone >= 80) void first.child.kill9();
        },
      });
      await expect(interrupted.result).rejects.toMatchObject({ code: 'connection_lost' });
      checkEveryFileSomewhere();
      const leftAtSource = readdirSync(join(fixture.sourceRoot, 'many')).length;
      expect(leftAtSource).toBeGreaterThan(0);
      expect(leftAtSource).toBeLessThan(240 - 60);

      const second = await startReceiver();
      const again = await sendTransfer({
        roots: [fixture.sourceRoot],
        paths,
        destination: { host: '127.0.0.1', port: second.port, fingerprint },
        token: await fixture.token({ paths, attempt: 2 }),
        mode: 'move',
      }).result;
      expect(again.ok).toBe(true);
    } finally {
      clearInterval(watcher);
    }
    checkEveryFileSomewhere();
    expect(violations).toEqual([]);
    expect(readdirSync(join(fixture.sourceRoot, 'many'))).toEqual([]);
    for (const [name, hash] of hashes) expect(sha(at(fixture.destinationRoot, name))).toBe(hash);
    expect(statSync(join(fixture.sourceRoot, 'many')).isDirectory()).toBe(true);
  });
});
