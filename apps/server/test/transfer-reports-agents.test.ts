import { randomBytes } from 'node:crypto';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useAgentPlatform } from './agent-platform.ts';
import { waitUntil } from './wait-until.ts';

/**
 * How a source agent reports what it did, with real agent processes: file results in pages, so a
 * transfer of thousands of files finishes (one outcome listing them all outgrew the 256 KiB
 * message limit past about 1,600 files); and kept until the server has stored them, so an
 * outcome made while the control plane is down arrives when it is back.
 */
describe('transfer reports from real agents', () => {
  const platform = useAgentPlatform('reports');
  const { detail } = platform;
  const finished = (id: string, timeoutMs: number) => platform.waitForState(id, ['succeeded', 'failed'], timeoutMs);

  it('finishes a transfer of 2,400 files with every file result in the API', async () => {
    const { sourceRoot, destinationRoot, createTransfer } = await platform.setUpPair('many');
    const names: string[] = [];
    for (let folder = 0; folder < 24; folder++) {
      await mkdir(join(sourceRoot, 'outgoing', `folder-${folder}`), { recursive: true });
      for (let file = 0; file < 100; file++) {
        // Long names make the outcome large sooner: one message with all of them is about 700 KiB.
        const name = `folder-${folder}/a-rather-long-file-name-like-real-trees-have-${String(file).padStart(4, '0')}.txt`;
        await writeFile(join(sourceRoot, 'outgoing', name), `file ${folder}/${file}\n`);
        names.push(`outgoing/${name}`);
      }
    }
    const id = await createTransfer();

    const body = await finished(id, 120_000);
    expect(body.transfer.state, body.transfer.stateReason).toBe('succeeded');
    expect(body.transfer.filesTotal).toBe(2400);
    expect(body.transfer.filesDone).toBe(2400);
    expect(body.files).toHaveLength(2400);
    expect(body.files.map((file: { path: string }) => file.path).sort()).toEqual(names.sort());
    expect(
      body.files.every((file: { status: string; sha256: string | null }) => file.status === 'done' && file.sha256),
    ).toBe(true);
    const landed = await readdir(join(destinationRoot, 'incoming', 'outgoing', 'folder-23'));
    expect(landed).toHaveLength(100);
  }, 150_000);

  it('ends succeeded with its true file results when the transfer finishes while the control plane is down', async () => {
    const { sourceRoot, destinationRoot, createTransfer } = await platform.setUpPair('outage');
    const FILES = 40;
    const SIZE = 512 * 1024;
    await mkdir(join(sourceRoot, 'outgoing'), { recursive: true });
    for (let file = 0; file < FILES; file++) {
      await writeFile(join(sourceRoot, 'outgoing', `part-${String(file).padStart(2, '0')}.bin`), randomBytes(SIZE));
    }
    // 32 Mbit/s: about 5 s, time to stop the control plane halfway.
    const id = await createTransfer(['outgoing'], { bandwidthLimitBps: 32_000_000 });
    await waitUntil('some progress', async () => (await detail(id)).transfer.bytesDone >= 4 * SIZE, 30_000);
    await platform.server.stop();

    const landedDir = join(destinationRoot, 'incoming', 'outgoing');
    await waitUntil(
      'every file to land while the control plane is down',
      async () => {
        const entries = await readdir(landedDir).catch(() => [] as string[]);
        const whole = entries.filter((name) => /^part-\d\d\.bin$/.test(name));
        if (whole.length < FILES) return false;
        const sizes = await Promise.all(whole.map(async (name) => (await stat(join(landedDir, name))).size));
        return sizes.every((size) => size === SIZE);
      },
      60_000,
    );
    // The source's outcome is made now, with nobody to take it.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await platform.server.start();

    const body = await finished(id, 90_000);
    expect(body.transfer.state, body.transfer.stateReason).toBe('succeeded');
    expect(body.transfer.filesTotal).toBe(FILES);
    expect(body.transfer.filesDone).toBe(FILES);
    expect(body.transfer.bytesDone).toBe(FILES * SIZE);
    // What happened, not what a rerun would see ("skipped: identical file exists").
    expect(body.files).toHaveLength(FILES);
    expect(body.files.map((file: { status: string }) => file.status)).toEqual(Array(FILES).fill('done'));
    expect(body.transfer.stats?.bytesSent).toBeGreaterThan(0);
  }, 180_000);
});
