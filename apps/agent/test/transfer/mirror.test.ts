import { existsSync, mkdirSync, readFileSync, readlinkSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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

function put(path: string, text: string, mtime?: Date): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  if (mtime) utimesSync(path, mtime, mtime);
}

async function mirror(options: Partial<SendTransferOptions> = {}, tokenMode: 'mirror' | 'copy' = 'mirror') {
  const paths = [join(fixture.sourceRoot, 'photos')];
  return sendTransfer({
    roots: [fixture.sourceRoot],
    paths,
    destination: { host: '127.0.0.1', port: fixture.port, fingerprint: fixture.fingerprint },
    token: await fixture.token({ paths, mode: tokenMode }),
    mode: 'mirror',
    ...options,
  }).result;
}

const source = (path: string) => join(fixture.sourceRoot, 'photos', path);
const destination = (path: string) => join(fixture.destinationRoot, 'photos', path);

describe('mirror', () => {
  it('deletes and lists what the source lacks, keeping what its filters and modifiedAfterMs left out', async () => {
    const old = new Date('2020-01-01T00:00:00Z');
    put(source('a.txt'), 'new a');
    put(source('old.txt'), 'old at the source', old);
    put(source('skip.log'), 'a log the filters leave out');
    put(destination('a.txt'), 'stale a');
    put(destination('extra.txt'), 'only at the destination');
    put(destination('gone/x.txt'), 'x');
    put(destination('gone/deeper/y.txt'), 'y');
    put(destination('old.txt'), 'the destination copy of an unchanged file');
    put(destination('keep.log'), 'excluded by the filters: never deleted');

    const result = await mirror({ filters: { exclude: ['*.log'] }, modifiedAfterMs: old.getTime() + 1000 });

    expect(result.ok).toBe(true);
    expect(result.deletionsHeld).toBeUndefined();
    const deleted = result.deleted.map((entry) => entry.path);
    expect(deleted).toEqual([
      'photos/extra.txt',
      'photos/gone/deeper/y.txt',
      'photos/gone/deeper',
      'photos/gone/x.txt',
      'photos/gone',
    ]);
    expect(result.deleted.find((entry) => entry.path === 'photos/extra.txt')).toEqual({
      path: 'photos/extra.txt',
      kind: 'file',
      size: 23,
    });
    expect(existsSync(destination('extra.txt'))).toBe(false);
    expect(existsSync(destination('gone'))).toBe(false);
    expect(readFileSync(destination('a.txt'), 'utf8')).toBe('new a');
    expect(readFileSync(destination('old.txt'), 'utf8')).toBe('the destination copy of an unchanged file');
    expect(readFileSync(destination('keep.log'), 'utf8')).toBe('excluded by the filters: never deleted');
  });

  it('deletes a link at the destination that points out as a link, touching nothing it points to', async () => {
    put(source('a.txt'), 'a');
    const outside = join(fixture.base, 'outside');
    put(join(outside, 'secret.txt'), 'not the mirror’s to delete');
    mkdirSync(destination(''), { recursive: true });
    symlinkSync(outside, destination('linked-folder'));
    symlinkSync(join(outside, 'secret.txt'), destination('linked-file'));

    const result = await mirror();

    expect(result.ok).toBe(true);
    expect(result.deleted).toEqual([
      { path: 'photos/linked-file', kind: 'symlink', size: 0 },
      { path: 'photos/linked-folder', kind: 'symlink', size: 0 },
    ]);
    expect(existsSync(destination('linked-folder'))).toBe(false);
    expect(readFileSync(join(outside, 'secret.txt'), 'utf8')).toBe('not the mirror’s to delete');
  });

  it('does not walk through a destination folder that is a symlink', async () => {
    put(source('a.txt'), 'a');
    const outside = join(fixture.base, 'outside');
    put(join(outside, 'secret.txt'), 'outside');
    symlinkSync(outside, join(fixture.destinationRoot, 'photos'));

    const result = await mirror();

    expect(result.deleted).toEqual([]);
    expect(result.deletionsHeld).toMatch(/deletions held back/);
    expect(readFileSync(join(outside, 'secret.txt'), 'utf8')).toBe('outside');
    expect(readlinkSync(join(fixture.destinationRoot, 'photos'))).toBe(outside);
    expect(existsSync(join(outside, 'a.txt'))).toBe(false);
  });

  it('deletes nothing when a file of the transfer failed, and says so', async () => {
    put(source('a.txt'), 'a');
    put(source('b.txt'), 'b');
    mkdirSync(destination('a.txt'), { recursive: true }); // a folder where a file must go: a.txt fails
    put(destination('extra.txt'), 'stays while a file failed');

    const result = await mirror();

    expect(result.ok).toBe(false);
    expect(result.files.find((file) => file.path === 'photos/a.txt')?.status).toBe('failed');
    expect(result.deleted).toEqual([]);
    expect(result.deletionsHeld).toBe('deletions held back: 1 of 3 entries did not arrive');
    expect(readFileSync(destination('extra.txt'), 'utf8')).toBe('stays while a file failed');
    expect(readFileSync(destination('b.txt'), 'utf8')).toBe('b');
  });

  it('is refused when the transfer token does not say mirror', async () => {
    put(source('a.txt'), 'a');
    put(destination('extra.txt'), 'stays');

    await expect(mirror({}, 'copy')).rejects.toMatchObject({
      code: 'mode_refused',
      message: expect.stringContaining('the transfer token does not allow it'),
    });
    expect(readFileSync(destination('extra.txt'), 'utf8')).toBe('stays');
    expect(existsSync(destination('a.txt'))).toBe(false);
  });
});
