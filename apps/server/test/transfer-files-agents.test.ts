import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readlinkSync } from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useAgentPlatform } from './agent-platform.ts';
import { waitUntil } from './wait-until.ts';

/** A file name of 250 bytes (with `.tcpa-part` after it, over NAME_MAX). */
const LONG_NAME = `${'l'.repeat(246)}.txt`;

describe('files as they are on disk, through the API with real agent processes', () => {
  const platform = useAgentPlatform('files');
  const { api } = platform;

  it('takes a symlink policy, refuses an unknown one, and lists every entry it left out with the reason', async () => {
    const { sourceRoot, destinationRoot, source, destination } = await platform.setUpPair('files');
    const tree = join(sourceRoot, 'outgoing');
    await mkdir(join(tree, 'deep', 'er'), { recursive: true });
    await writeFile(join(tree, 'data.bin'), randomBytes(1 << 20));
    await writeFile(join(tree, 'deep', 'er', 'note.txt'), 'deep');
    await writeFile(join(tree, 'empty'), '');
    await writeFile(join(tree, LONG_NAME), 'long');
    await symlink('data.bin', join(tree, 'link'));
    await symlink('../../data.bin', join(tree, 'deep', 'er', 'up'));
    await symlink('/etc/hostname', join(tree, 'outside'));
    execFileSync('mkfifo', [join(tree, 'pipe')]);
    const body = {
      sourceAgentId: source.agentId,
      sourcePaths: ['outgoing'],
      destinationAgentId: destination.agentId,
      destinationDir: 'incoming',
    };

    const refused = await api('POST', '/transfers', { ...body, symlinks: 'copy' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/symlinks must be one of "preserve", "follow" or "skip"/);

    const created = await api('POST', '/transfers', body);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.symlinks).toBe('preserve');
    const id = created.body.id as string;
    const finished = await waitUntil(
      'the transfer to finish',
      async () => {
        const detail = (await api('GET', `/transfers/${id}`)).body;
        return ['succeeded', 'failed', 'canceled'].includes(detail.transfer.state) && detail;
      },
      60_000,
    );

    expect(finished.transfer.state, finished.transfer.stateReason).toBe('succeeded');
    expect(finished.transfer.attempts).toBe(1);
    const byPath = new Map(finished.files.map((file: { path: string }) => [file.path, file]));
    expect(byPath.get('outgoing/empty')).toMatchObject({ status: 'done', size: 0, error: null });
    expect(byPath.get(`outgoing/${LONG_NAME}`)).toMatchObject({ status: 'done', error: null });
    expect(byPath.get('outgoing/link')).toMatchObject({ status: 'done', error: null });
    expect(byPath.get('outgoing/pipe')).toMatchObject({
      status: 'skipped',
      error: 'skipped: a FIFO (named pipe), not a regular file or folder',
    });
    expect(byPath.get('outgoing/outside')).toMatchObject({
      status: 'skipped',
      error: 'skipped: a symlink whose target is outside the folder sent (it is not preserved)',
    });

    const landed = join(destinationRoot, 'incoming', 'outgoing');
    expect(readlinkSync(join(landed, 'link'))).toBe('data.bin');
    expect(readlinkSync(join(landed, 'deep', 'er', 'up'))).toBe('../../data.bin');
    // Links compared as links; what differs is exactly what the file list says was left out.
    const diff = spawnSync('diff', ['-r', '--no-dereference', tree, landed], { encoding: 'utf8' });
    expect(diff.stdout.trim().split('\n').sort()).toEqual([`Only in ${tree}: outside`, `Only in ${tree}: pipe`]);
  });
});
