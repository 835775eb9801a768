import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { certificateFingerprint } from '../../src/transfer/data-channel-identity.ts';
import { partialPaths } from '../../src/transfer/incoming-file.ts';
import { sendTransfer } from '../../src/transfer/send-transfer.ts';
import { type Child, type ChildOptions, otherUsersCanRunChildren, startChild } from './support/child.ts';
import { createTransferFixture, DESTINATION_AGENT, type TransferFixture } from './support/transfer-fixture.ts';

// Both need root: a tmpfs in the receiver's own mount namespace, and a receiver running as another user.
const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

let fixture: TransferFixture;
const children: Child[] = [];
beforeEach(async () => {
  fixture = await createTransferFixture();
});
afterEach(async () => {
  for (const child of children.splice(0)) await child.kill9();
  await fixture.cleanup();
});

/** A destination agent as its own process, writing under `roots`. */
async function startReceiver(roots: string[], options: ChildOptions = {}) {
  const stateDir = join(fixture.base, 'receiver-state');
  mkdirSync(stateDir, { recursive: true });
  if (options.uid !== undefined) chownSync(stateDir, options.uid, options.uid);
  const child = startChild(
    'receiver-process.ts',
    {
      RECEIVER_CONFIG: JSON.stringify({ stateDir, agentId: DESTINATION_AGENT, roots, jwks: fixture.signer.jwks }),
    },
    options,
  );
  children.push(child);
  const port = Number((await child.waitForLine((line) => line.startsWith('port '))).slice(5));
  const fingerprint = certificateFingerprint(readFileSync(join(stateDir, 'data-channel.crt'), 'utf8'));
  const send = async (paths: string[], dir: string, tid: string) =>
    sendTransfer({
      roots: [fixture.sourceRoot],
      paths,
      destination: { host: '127.0.0.1', port, fingerprint },
      token: await fixture.token({ paths, dir, tid }),
      chunkSize: 1 << 20,
    }).result;
  /** The directory as the receiver sees it (a tmpfs only its mount namespace has). */
  const list = async (dir: string): Promise<string[]> => {
    child.send(`ls ${dir}`);
    return JSON.parse((await child.waitForLine((text) => text.startsWith('ls '))).slice(3));
  };
  return { send, list };
}

describe('destination failures', () => {
  it.skipIf(!isRoot)(
    'disk full: that file fails with the reason, its partial data stays for a resume, other transfers go on (needs root)',
    async () => {
      const full = join(fixture.base, 'small-disk');
      const roomy = join(fixture.base, 'roomy');
      mkdirSync(full);
      mkdirSync(roomy);
      const set = join(fixture.sourceRoot, 'set');
      mkdirSync(set);
      writeFileSync(join(set, 'a-small.txt'), 'fits');
      writeFileSync(join(set, 'z-big.bin'), randomBytes(12 << 20));
      const other = join(fixture.sourceRoot, 'other.bin');
      writeFileSync(other, randomBytes(3 << 20));
      const receiver = await startReceiver([full, roomy], { tmpfs: { dir: full, bytes: 8 << 20 } });

      const [onFullDisk, elsewhere] = await Promise.all([
        receiver.send([set], full, 'transfer-full'),
        receiver.send([other], roomy, 'transfer-elsewhere'),
      ]);

      expect(onFullDisk.ok).toBe(false);
      expect(onFullDisk.files.find((file) => file.path === 'set/z-big.bin')).toMatchObject({
        status: 'failed',
        reason: 'disk full (ENOSPC)',
        code: 'ENOSPC',
      });
      expect(onFullDisk.files.find((file) => file.path === 'set/a-small.txt')?.status).toBe('written');
      const partial = partialPaths(join(full, 'set', 'z-big.bin'));
      expect(await receiver.list(join(full, 'set'))).toEqual(
        ['a-small.txt', basename(partial.journal), basename(partial.part)].sort(),
      );
      expect(elsewhere.ok).toBe(true);
      expect(readFileSync(join(roomy, 'other.bin')).equals(readFileSync(other))).toBe(true);
    },
  );

  it.skipIf(!otherUsersCanRunChildren)(
    'permission denied: the files it may not write fail with the reason, the others land (needs root, and a checkout and Node binary other users can reach)',
    async () => {
      const root = join(fixture.base, 'shared');
      mkdirSync(join(root, 'locked'), { recursive: true });
      mkdirSync(join(root, 'open'));
      chownSync(join(root, 'open'), NOBODY, NOBODY);
      chmodSync(join(root, 'locked'), 0o755); // owned by root: the receiver (nobody) may not write here
      const file = join(fixture.sourceRoot, 'report.txt');
      writeFileSync(file, 'quarterly numbers');
      chmodSync(fixture.base, 0o755); // let nobody reach its folders
      const receiver = await startReceiver([root], { uid: NOBODY });

      const locked = await receiver.send([file], join(root, 'locked'), 'transfer-locked');
      const open = await receiver.send([file], join(root, 'open'), 'transfer-open');

      expect(locked.files[0]).toMatchObject({
        status: 'failed',
        reason: 'permission denied (EACCES)',
        code: 'EACCES',
      });
      expect(open.ok).toBe(true);
      expect(readFileSync(join(root, 'open', 'report.txt'), 'utf8')).toBe('quarterly numbers');
    },
  );
});
