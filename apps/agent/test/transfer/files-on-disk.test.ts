import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { SymlinkPolicy, TransferStartArgs } from '@tcpa/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitUntil } from '../../../server/test/wait-until.ts';
import { certificateFingerprint } from '../../src/transfer/data-channel-identity.ts';
import { sendTransfer } from '../../src/transfer/send-transfer.ts';
import type { TransferResult } from '../../src/transfer/send-transfer-types.ts';
import { createTestRunner } from '../support/test-runner.ts';
import { type Child, otherUsersCanRunChildren, startChild } from './support/child.ts';
import { connectRaw } from './support/raw-client.ts';
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
/** A file name of 250 bytes: with `.tcpa-part` after it, 260 (NAME_MAX is 255). */
const LONG_NAME = `${'é'.repeat(100)}${'n'.repeat(46)}.bin`;

async function send(paths: string[], symlinks?: SymlinkPolicy): Promise<TransferResult> {
  return sendTransfer({
    roots: [fixture.sourceRoot],
    paths,
    destination: { host: '127.0.0.1', port: fixture.port, fingerprint: fixture.fingerprint },
    token: await fixture.token({ paths }),
    ...(symlinks ? { symlinks } : {}),
  }).result;
}

/**
 * A tree with links inside it (relative, to files and folders, deep), an empty file and deep
 * paths; with `longName`, a file of a 250-byte name and a link to it.
 */
function makeTree({ longName = false } = {}): string {
  const tree = join(fixture.sourceRoot, 'tree');
  mkdirSync(join(tree, 'sub', 'deep', 'er'), { recursive: true });
  writeFileSync(join(tree, 'big.bin'), randomBytes(3 << 20));
  writeFileSync(join(tree, 'sub', 'b.txt'), 'bee');
  writeFileSync(join(tree, 'sub', 'deep', 'er', 'c.txt'), 'sea');
  writeFileSync(join(tree, 'empty'), '');
  symlinkSync('big.bin', join(tree, 'link-to-big'));
  symlinkSync('../b.txt', join(tree, 'sub', 'deep', 'up-link'));
  symlinkSync('sub/deep', join(tree, 'folder-link'));
  if (longName) {
    writeFileSync(join(tree, LONG_NAME), 'long name');
    symlinkSync(LONG_NAME, join(tree, 'link-to-long'));
  }
  return tree;
}

describe('files as they are on disk', () => {
  it('preserves symlinks inside the folder sent as links: diff -r --no-dereference finds no difference', async () => {
    const tree = makeTree({ longName: true });
    const result = await send([tree]);

    expect(result.ok).toBe(true);
    expect(result.skippedSources).toEqual([]);
    const landed = join(fixture.destinationRoot, 'tree');
    expect(lstatSync(join(landed, 'link-to-big')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(landed, 'link-to-big'))).toBe(readlinkSync(join(tree, 'link-to-big')));
    expect(readlinkSync(join(landed, 'sub', 'deep', 'up-link'))).toBe('../b.txt');
    expect(readlinkSync(join(landed, 'folder-link'))).toBe('sub/deep');
    expect(result.files.find((file) => file.path === 'tree/link-to-big')).toMatchObject({
      kind: 'symlink',
      status: 'written',
    });
    // diff exits 0 only when the trees match, links compared as links.
    expect(execFileSync('diff', ['-r', '--no-dereference', tree, landed], { encoding: 'utf8' })).toBe('');

    // Sent again: the links are there already and are left alone.
    const again = await send([tree]);
    expect(again.files.find((file) => file.path === 'tree/link-to-big')).toMatchObject({
      status: 'skipped',
      reason: 'identical symlink exists',
    });
  });

  it('re-expresses an absolute link inside the folder sent as a relative one', async () => {
    const tree = makeTree();
    symlinkSync(join(tree, 'sub', 'b.txt'), join(tree, 'absolute-link'));
    const result = await send([tree]);

    expect(result.ok).toBe(true);
    const link = join(fixture.destinationRoot, 'tree', 'absolute-link');
    expect(readlinkSync(link)).toBe('sub/b.txt');
    expect(readFileSync(link, 'utf8')).toBe('bee');
  });

  it('skips, with the reason, links that leave the folder sent or dangle, and FIFOs', async () => {
    const tree = makeTree();
    writeFileSync(join(fixture.sourceRoot, 'beside.txt'), 'beside the tree');
    symlinkSync('../beside.txt', join(tree, 'out-of-folder'));
    symlinkSync('/etc/hostname', join(tree, 'out-of-roots'));
    symlinkSync('missing', join(tree, 'dangling'));
    execFileSync('mkfifo', [join(tree, 'fifo')]);
    const result = await send([tree]);

    expect(result.ok).toBe(true);
    expect(result.skippedSources).toEqual([
      { path: 'tree/dangling', reason: 'skipped: a symlink whose target does not exist' },
      { path: 'tree/fifo', reason: 'skipped: a FIFO (named pipe), not a regular file or folder' },
      {
        path: 'tree/out-of-folder',
        reason: 'skipped: a symlink whose target is outside the folder sent (it is not preserved)',
      },
      {
        path: 'tree/out-of-roots',
        reason: 'skipped: a symlink whose target is outside the folder sent (it is not preserved)',
      },
    ]);
    const landed = readdirSync(join(fixture.destinationRoot, 'tree'));
    for (const name of ['dangling', 'fifo', 'out-of-folder', 'out-of-roots']) expect(landed).not.toContain(name);
  });

  it.skipIf(!otherUsersCanRunChildren)(
    'lists files and folders the source may not read as skipped, and sends the rest (needs root, and a checkout and Node binary other users can reach)',
    async () => {
      const tree = join(fixture.sourceRoot, 'tree');
      mkdirSync(join(tree, 'closed'), { recursive: true });
      writeFileSync(join(tree, 'open.txt'), 'for all');
      writeFileSync(join(tree, 'secret.txt'), 'root only');
      chmodSync(join(tree, 'secret.txt'), 0o600);
      chmodSync(join(tree, 'closed'), 0o700);
      chmodSync(fixture.base, 0o755); // let nobody reach the source folder
      const paths = [tree];
      const sender = startChild(
        'sender-process.ts',
        {
          SENDER_OPTIONS: JSON.stringify({
            roots: [fixture.sourceRoot],
            paths,
            destination: { host: '127.0.0.1', port: fixture.port, fingerprint: fixture.fingerprint },
            token: await fixture.token({ paths }),
          }),
        },
        { uid: 65534 },
      );
      children.push(sender);
      const line = await sender.waitForLine((text) => text.startsWith('result '), 20_000);

      expect(JSON.parse(line.slice('result '.length))).toEqual({
        ok: true,
        skippedSources: [
          { path: 'tree/closed', reason: 'skipped: a folder that cannot be read' },
          { path: 'tree/secret.txt', reason: 'skipped: a file this agent may not read' },
        ],
      });
      expect(readdirSync(join(fixture.destinationRoot, 'tree'))).toEqual(['open.txt']);
      expect(readFileSync(join(fixture.destinationRoot, 'tree', 'open.txt'), 'utf8')).toBe('for all');
    },
  );

  it('follows links when asked, never outside the roots', async () => {
    const tree = makeTree();
    symlinkSync('/etc/hostname', join(tree, 'out-of-roots'));
    symlinkSync('..', join(tree, 'sub', 'loop'));
    const result = await send([tree], 'follow');

    expect(result.ok).toBe(true);
    const landed = join(fixture.destinationRoot, 'tree');
    expect(lstatSync(join(landed, 'link-to-big')).isFile()).toBe(true);
    expect(sha(join(landed, 'link-to-big'))).toBe(sha(join(tree, 'big.bin')));
    expect(readFileSync(join(landed, 'folder-link', 'er', 'c.txt'), 'utf8')).toBe('sea');
    expect(existsSync(join(landed, 'out-of-roots'))).toBe(false);
    expect(existsSync(join(landed, 'sub', 'loop'))).toBe(false);
    expect(result.skippedSources).toEqual([
      { path: 'tree/out-of-roots', reason: "refused: a symlink whose target is outside the agent's roots" },
      { path: 'tree/sub/loop', reason: 'skipped: a symlink to a folder it is in (a loop)' },
    ]);
  });

  it('leaves links out when asked, each listed with the reason', async () => {
    const tree = makeTree();
    const result = await send([tree], 'skip');

    expect(result.ok).toBe(true);
    expect(result.skippedSources.map((skipped) => skipped.path).sort()).toEqual([
      'tree/folder-link',
      'tree/link-to-big',
      'tree/sub/deep/up-link',
    ]);
    expect(new Set(result.skippedSources.map((skipped) => skipped.reason))).toEqual(
      new Set(['skipped: a symlink (the transfer skips symlinks)']),
    );
    expect(existsSync(join(fixture.destinationRoot, 'tree', 'link-to-big'))).toBe(false);
    expect(sha(join(fixture.destinationRoot, 'tree', 'big.bin'))).toBe(sha(join(tree, 'big.bin')));
  });

  it('never writes through a symlink at the destination', async () => {
    const tree = join(fixture.sourceRoot, 'tree');
    mkdirSync(join(tree, 'inside'), { recursive: true });
    writeFileSync(join(tree, 'inside', 'file.txt'), 'data');
    // A link where the transfer writes a folder, as a preserved one would be: even to a folder in
    // the root, the transfer's files would land somewhere else than the file list says.
    const elsewhere = join(fixture.destinationRoot, 'elsewhere');
    mkdirSync(elsewhere);
    mkdirSync(join(fixture.destinationRoot, 'tree'));
    symlinkSync('../elsewhere', join(fixture.destinationRoot, 'tree', 'inside'));
    const result = await send([tree]);

    expect(result.ok).toBe(false);
    expect(result.files.find((file) => file.path === 'tree/inside/file.txt')?.reason).toMatch(
      /a symlink is in the way at "tree\/inside"/,
    );
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('refuses symlinks from the wire that would point outside the folder sent, or a link as the path to a file', async () => {
    const client = await connectRaw(fixture.port);
    client.send({ type: 'hello', version: 2, token: await fixture.token({ paths: ['tree'] }), role: 'control' });
    await client.next('hello-ok');
    const link = (index: number, path: string, target: string) => ({
      index,
      path,
      kind: 'symlink',
      target,
      size: 0,
      mode: 0o777,
      mtimeMs: 1_700_000_000_000,
    });
    const content = Buffer.from('through the link');
    const entries = [
      { index: 0, path: 'tree', kind: 'dir', size: 0, mode: 0o755, mtimeMs: 1_700_000_000_000 },
      link(1, 'tree/up', '..'),
      link(2, 'tree/absolute', '/etc'),
      link(3, 'tree/sub/trick', 'x/../../..'),
      link(4, 'tree/dot', './../..'),
      link(5, 'tree', '.'),
      link(6, 'tree/fine', 'sub/x'),
      link(7, 'tree/self', '.'),
      // A file under the name of one of the links: never written where the link would point.
      {
        index: 8,
        path: 'tree/self/written-through',
        kind: 'file',
        size: content.length,
        mode: 0o644,
        mtimeMs: 1_700_000_000_000,
        sha256: createHash('sha256').update(content).digest('hex'),
      },
    ];
    client.send({ type: 'manifest', entries });
    client.send({ type: 'manifest-end', entryCount: entries.length, overwrite: 'overwrite' });
    await client.next('plan-end');
    const results = new Map(
      client.frames.filter((frame) => frame.type === 'file-result').map((frame) => [frame.file, frame]),
    );
    client.socket.destroy();

    for (const index of [1, 2, 3, 4, 5]) expect(results.get(index), String(index)).toMatchObject({ status: 'failed' });
    expect(results.get(1)?.reason).toMatch(/symlink target leaves the folder sent/);
    expect(results.get(2)?.reason).toMatch(/absolute symlink target refused/);
    expect(results.get(3)?.reason).toMatch(/past its start refused/);
    expect(results.get(6)).toMatchObject({ status: 'written' });
    expect(readlinkSync(join(fixture.destinationRoot, 'tree', 'fine'))).toBe('sub/x');
    // Files are planned before links: the file's folder was made first, then the link refused.
    expect(results.get(7)).toMatchObject({ status: 'failed', reason: 'destination exists and is a folder' });
    expect(lstatSync(join(fixture.destinationRoot, 'tree', 'self')).isDirectory()).toBe(true);
    expect(readdirSync(fixture.destinationRoot)).toEqual(['tree']);
  });

  it('sends and resumes a file with a 250-byte name, its partial files within NAME_MAX', async () => {
    const source = join(fixture.sourceRoot, LONG_NAME);
    expect(Buffer.byteLength(LONG_NAME)).toBe(250);
    const size = 48 << 20;
    writeFileSync(source, randomBytes(size));
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
    const options = { roots: [fixture.sourceRoot], paths: [source], token: await fixture.token({ paths: [source] }) };
    const interrupted = sendTransfer({
      ...options,
      chunkSize: 1 << 20,
      destination: { host: '127.0.0.1', port: first.port, fingerprint },
      bandwidthLimit: 32 << 20,
      progressIntervalMs: 50,
      onProgress: (progress) => {
        if (progress.bytesDone >= 16 << 20) void first.child.kill9();
      },
    });
    await expect(interrupted.result).rejects.toMatchObject({ code: 'connection_lost' });
    const leftovers = readdirSync(fixture.destinationRoot);
    expect(leftovers.length).toBe(2); // the partial file and its journal
    for (const name of leftovers) expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);

    const second = await startReceiver();
    const resumed = await sendTransfer({
      ...options,
      destination: { host: '127.0.0.1', port: second.port, fingerprint },
    }).result;
    expect(resumed.ok).toBe(true);
    expect(resumed.bytesResumed).toBeGreaterThanOrEqual(16 << 20);
    expect(sha(join(fixture.destinationRoot, LONG_NAME))).toBe(sha(source));
    expect(readdirSync(fixture.destinationRoot)).toEqual([LONG_NAME]);
  });

  it('reports what the agent did: the empty file delivered, links done, entries left out skipped with why', async () => {
    const tree = makeTree({ longName: true });
    execFileSync('mkfifo', [join(tree, 'fifo')]);
    symlinkSync('/etc/hostname', join(tree, 'out-of-roots'));
    const { runner, sent } = createTestRunner({ stateDir: fixture.stateDir, roots: [fixture.sourceRoot] });
    const start: TransferStartArgs = {
      transferId: 'transfer-1',
      attempt: 1,
      token: await fixture.token({ paths: [tree] }),
      sourcePaths: ['tree'],
      destinationAgentId: 'agent-destination',
      destination: { host: '127.0.0.1', port: fixture.port, fingerprint: fixture.fingerprint },
      overwrite: 'skip_identical',
      symlinks: 'preserve',
      filters: null,
      mode: 'copy',
      modifiedAfterMs: null,
      bandwidthLimitBps: null,
      tuning: null,
    };
    expect(runner.handleCommand({ name: 'transfer.start', args: start })).toEqual({ ok: true });
    const outcome = await waitUntil(
      'the transfer outcome',
      async () => sent.find((message) => message.type === 'transfer_outcome'),
      20_000,
    );
    await runner.stop();

    expect(outcome).toMatchObject({ state: 'succeeded' });
    // Results come in pages before the outcome (and a last few in it).
    const files = sent.flatMap((message) =>
      message.type === 'transfer_files' || message.type === 'transfer_outcome' ? (message.files ?? []) : [],
    );
    const byPath = new Map(files.map((file) => [file.path, file]));
    expect(byPath.get('tree/empty')).toMatchObject({ status: 'done', size: 0, error: null });
    expect(byPath.get(`tree/${LONG_NAME}`)).toMatchObject({ status: 'done', error: null });
    expect(byPath.get('tree/link-to-big')).toMatchObject({ status: 'done', error: null });
    expect(byPath.get('tree/fifo')).toMatchObject({
      status: 'skipped',
      error: 'skipped: a FIFO (named pipe), not a regular file or folder',
    });
    expect(byPath.get('tree/out-of-roots')).toMatchObject({ status: 'skipped' });
    expect(files.filter((file) => file.status === 'failed')).toEqual([]);
  });
});
