import { mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sendTransfer } from '../../src/transfer/send-transfer.ts';
import type { SendTransferOptions } from '../../src/transfer/send-transfer-types.ts';
import { createTransferFixture, type TransferFixture } from './support/transfer-fixture.ts';

let fixture: TransferFixture;
beforeEach(async () => {
  fixture = await createTransferFixture();
});
afterEach(async () => {
  await fixture.cleanup();
});

const TIME = new Date('2024-05-01T12:00:00.123Z');
const source = (path: string) => join(fixture.sourceRoot, 'photos', path);
const destination = (path: string) => join(fixture.destinationRoot, 'photos', path);

function put(path: string, text: string, mtime?: Date): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  if (mtime) utimesSync(path, mtime, mtime);
}

async function run(options: Partial<SendTransferOptions> = {}) {
  const paths = [join(fixture.sourceRoot, 'photos')];
  return sendTransfer({
    roots: [fixture.sourceRoot],
    paths,
    destination: { host: '127.0.0.1', port: fixture.port, fingerprint: fixture.fingerprint },
    token: await fixture.token({ paths, mode: options.mode ?? 'copy' }),
    ...options,
  }).result;
}

/** Every entry below a folder with its contents (files) or kind, to compare before and after. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const stats = statSync(path);
      if (stats.isDirectory()) {
        out[relative(root, path)] = 'dir';
        walk(path);
      } else out[relative(root, path)] = `${readFileSync(path, 'utf8')} @${stats.mtimeMs}`;
    }
  };
  walk(root);
  return out;
}

describe('quick check (skip_identical)', () => {
  it('takes a same-size same-mtime file as identical without reading it; another mtime is compared by hash', async () => {
    // Same size and time, other bytes: only a check that reads nothing leaves it as it is.
    put(source('same.txt'), 'source bytes', TIME);
    put(destination('same.txt'), 'SOURCE BYTES', TIME);
    const first = await run();
    expect(first.files.find((file) => file.path === 'photos/same.txt')).toMatchObject({
      status: 'skipped',
      reason: 'same size and modification time',
    });
    expect(readFileSync(destination('same.txt'), 'utf8')).toBe('SOURCE BYTES');

    utimesSync(source('same.txt'), new Date(TIME.getTime() + 1), new Date(TIME.getTime() + 1));
    const second = await run();
    expect(second.files.find((file) => file.path === 'photos/same.txt')?.status).toBe('written');
    expect(readFileSync(destination('same.txt'), 'utf8')).toBe('source bytes');
  });

  it('is not used by a move: the hash decides', async () => {
    put(source('same.txt'), 'source bytes', TIME);
    put(destination('same.txt'), 'SOURCE BYTES', TIME);
    const result = await run({ mode: 'move' });
    expect(result.files.find((file) => file.path === 'photos/same.txt')).toMatchObject({
      status: 'written',
      sourceDeleted: true,
    });
    expect(readFileSync(destination('same.txt'), 'utf8')).toBe('source bytes');
  });
});

describe('dry run', () => {
  it('plans exactly what the run then does, and writes nothing at the destination', async () => {
    put(source('new.txt'), 'new');
    put(source('fresh/deep/n.txt'), 'in a folder the destination lacks');
    put(source('changed.txt'), 'changed at the source');
    put(source('quick.txt'), 'same', TIME);
    put(source('hashed.txt'), 'identical bytes');
    put(destination('changed.txt'), 'the old version');
    put(destination('quick.txt'), 'same', TIME);
    put(destination('hashed.txt'), 'identical bytes', new Date('2021-01-01T00:00:00Z'));
    put(destination('extra.txt'), 'only here');
    put(destination('old/x.txt'), 'x');
    const before = snapshot(fixture.destinationRoot);

    const dry = await run({ mode: 'mirror', dryRun: true });
    const plan = dry.plan;
    if (!plan) throw new Error('a dry run ends with a plan');

    expect(snapshot(fixture.destinationRoot)).toEqual(before);
    const paths = (list: { paths: { path: string }[] }) => list.paths.map((entry) => entry.path).sort();
    expect(paths(plan.send)).toEqual(['photos/changed.txt', 'photos/fresh/deep/n.txt', 'photos/new.txt']);
    expect(plan.send).toMatchObject({ count: 3, bytes: 21 + 33 + 3, truncated: false });
    expect(paths(plan.unchanged)).toEqual(['photos/hashed.txt', 'photos/quick.txt']);
    expect(paths(plan.deleteAtDestination)).toEqual(['photos/extra.txt', 'photos/old', 'photos/old/x.txt']);
    expect(plan.deleteAtSource.count).toBe(0);
    expect(plan.skippedSources).toEqual([]);

    const real = await run({ mode: 'mirror' });
    expect(real.ok).toBe(true);
    const outcome = (status: string) =>
      real.files
        .filter((file) => file.kind !== 'dir' && file.status === status)
        .map((file) => file.path)
        .sort();
    expect(outcome('written')).toEqual(paths(plan.send));
    expect(outcome('skipped')).toEqual(paths(plan.unchanged));
    expect(real.deleted.map((entry) => entry.path).sort()).toEqual(paths(plan.deleteAtDestination));
  });

  it('plans a move: what would be deleted at the source', async () => {
    put(source('a.txt'), 'a');
    put(source('b.txt'), 'bb');
    const dry = await run({ mode: 'move', dryRun: true });
    expect(dry.plan?.deleteAtSource).toMatchObject({ count: 2, bytes: 3, truncated: false });
    expect(readdirSync(join(fixture.sourceRoot, 'photos')).sort()).toEqual(['a.txt', 'b.txt']);
    expect(readdirSync(fixture.destinationRoot)).toEqual([]);
  });
});
