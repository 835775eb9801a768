import { mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Log } from '../../src/log.ts';
import { sendTransfer } from '../../src/transfer/send-transfer.ts';
import { type DestinationProxy, startDestinationProxy } from './support/destination-proxy.ts';
import { connectRaw, fileEntry, type RawClient } from './support/raw-client.ts';
import { createTransferFixture, type TransferFixture } from './support/transfer-fixture.ts';

let fixture: TransferFixture;
let proxy: DestinationProxy | undefined;
beforeEach(async () => {
  fixture = await createTransferFixture();
});
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  await fixture.cleanup();
});

const MTIME = new Date('2024-05-01T10:00:00Z');

/** A tree of `count` files in folders of 100, each file's text its number; all of one mtime. */
function writeTree(root: string, count: number): void {
  for (let index = 0; index < count; index++) {
    const folder = join(root, `d${Math.floor(index / 100)}`);
    if (index % 100 === 0) mkdirSync(folder, { recursive: true });
    const path = join(folder, `f${index}.txt`);
    writeFileSync(path, `file ${index}\n`);
    utimesSync(path, MTIME, MTIME);
  }
}

async function openControl(version: number, token: string): Promise<RawClient> {
  const client = await connectRaw(fixture.port);
  client.send({ type: 'hello', version, token, role: 'control' });
  return client;
}

function collectingLog(): Log & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (line) => lines.push(line),
    warn: (line) => lines.push(line),
    error: (line) => lines.push(line),
  };
}

describe('planning page by page (data channel 3)', () => {
  it('answers each manifest page with its plan at once, and takes chunks before the manifest ends', async () => {
    const first = Buffer.from('the first page');
    const second = Buffer.from('the second page');
    const token = await fixture.token({ paths: ['a.txt', 'b.txt'] });
    const control = await openControl(3, token);
    await control.next('hello-ok');
    control.send({ type: 'manifest-start', overwrite: 'overwrite' });
    control.send({ type: 'manifest', entries: [fileEntry(0, 'a.txt', first)] });
    expect(await control.next('plan')).toEqual({ type: 'plan', entries: [{ file: 0, have: [] }] });

    const data = await connectRaw(fixture.port);
    data.send({ type: 'hello', version: 3, token, role: 'data' });
    await data.next('hello-ok');
    data.send({ type: 'chunk', file: 0, offset: 0, length: first.length, crc32: crc32(first) }, first);
    expect(await data.next('chunk-ack')).toMatchObject({ file: 0 });
    expect(await control.next('file-result')).toMatchObject({ file: 0, status: 'written' });
    expect(readFileSync(join(fixture.destinationRoot, 'a.txt'), 'utf8')).toBe('the first page');

    control.send({ type: 'manifest', entries: [fileEntry(1, 'b.txt', second)] });
    expect(await control.next('plan')).toEqual({ type: 'plan', entries: [{ file: 1, have: [] }] });
    control.send({ type: 'manifest-end', entryCount: 2 });
    await control.next('plan-end');
    data.send({ type: 'chunk', file: 1, offset: 0, length: second.length, crc32: crc32(second) }, second);
    expect(await control.next('file-result')).toMatchObject({ file: 1, status: 'written' });
    control.send({ type: 'done' });
    expect((await control.next('done-ok')).type).toBe('done-ok');
  });

  it('refuses the terms out of turn, and a mirror the token does not allow', async () => {
    const content = Buffer.from('x');
    const onTwo = await openControl(2, await fixture.token({ paths: ['a.txt'] }));
    await onTwo.next('hello-ok');
    onTwo.send({ type: 'manifest-start', overwrite: 'overwrite' });
    expect(await onTwo.next('plan')).toMatchObject({ type: 'error', code: 'unexpected_frame' });

    const noTerms = await openControl(3, await fixture.token({ paths: ['a.txt'], tid: 'transfer-2' }));
    await noTerms.next('hello-ok');
    noTerms.send({ type: 'manifest', entries: [fileEntry(0, 'a.txt', content)] });
    noTerms.send({ type: 'manifest-end', entryCount: 1 });
    expect(await noTerms.next('plan-end')).toMatchObject({ type: 'error', code: 'unexpected_frame' });

    const late = await openControl(3, await fixture.token({ paths: ['a.txt'], tid: 'transfer-3' }));
    await late.next('hello-ok');
    late.send({ type: 'manifest', entries: [fileEntry(0, 'a.txt', content)] });
    late.send({ type: 'manifest-start', overwrite: 'overwrite' });
    expect(await late.next('plan')).toMatchObject({ type: 'error', code: 'unexpected_frame' });

    const termsAtEnd = await openControl(3, await fixture.token({ paths: ['a.txt'], tid: 'transfer-5' }));
    await termsAtEnd.next('hello-ok');
    termsAtEnd.send({ type: 'manifest-start', overwrite: 'overwrite' });
    termsAtEnd.send({ type: 'manifest-end', entryCount: 0, overwrite: 'keep_both' });
    expect(await termsAtEnd.next('plan-end')).toMatchObject({ type: 'error', code: 'bad_frame' });

    const mirror = await openControl(3, await fixture.token({ paths: ['a.txt'], tid: 'transfer-4' }));
    await mirror.next('hello-ok');
    mirror.send({ type: 'manifest-start', overwrite: 'overwrite', mode: 'mirror' });
    expect(await mirror.next('plan')).toMatchObject({ type: 'error', code: 'mode_refused' });
  });

  it('a source sends its first chunks while the destination is still planning a large tree', async () => {
    const tree = join(fixture.sourceRoot, 'tree');
    writeTree(tree, 5000);
    proxy = await startDestinationProxy({ stateDir: fixture.stateDir, targetPort: fixture.port });
    const result = await sendTransfer({
      roots: [fixture.sourceRoot],
      paths: [tree],
      destination: { host: '127.0.0.1', port: proxy.port, fingerprint: fixture.fingerprint },
      token: await fixture.token({ paths: [tree] }),
    }).result;

    expect(result.ok).toBe(true);
    expect(result.files.filter((file) => file.kind === 'file' && file.status === 'written')).toHaveLength(5000);
    expect(readFileSync(join(fixture.destinationRoot, 'tree', 'd49', 'f4999.txt'), 'utf8')).toBe('file 4999\n');
    const order = proxy.seen.map((frame) => frame.type);
    const firstChunk = order.indexOf('chunk');
    expect(firstChunk).toBeGreaterThan(-1);
    // Sending did not wait for the destination to plan the whole tree: plans of later pages came after it.
    expect(firstChunk).toBeLessThan(order.indexOf('plan-end'));
    expect(order.slice(firstChunk).filter((type) => type === 'plan').length).toBeGreaterThan(0);
  });

  it('a source reaches a destination of the release before (data channel 2): it says hello again in 2', async () => {
    const tree = join(fixture.sourceRoot, 'tree');
    writeTree(tree, 1500);
    mkdirSync(join(fixture.destinationRoot, 'tree'), { recursive: true });
    writeFileSync(join(fixture.destinationRoot, 'tree', 'extra.txt'), 'only at the destination');
    proxy = await startDestinationProxy({ stateDir: fixture.stateDir, targetPort: fixture.port, onlyVersion: 2 });
    const log = collectingLog();
    const result = await sendTransfer({
      roots: [fixture.sourceRoot],
      paths: [tree],
      destination: { host: '127.0.0.1', port: proxy.port, fingerprint: fixture.fingerprint },
      token: await fixture.token({ paths: [tree], mode: 'mirror' }),
      mode: 'mirror',
      log,
    }).result;

    expect(result.ok).toBe(true);
    expect(result.files.filter((file) => file.kind === 'file' && file.status === 'written')).toHaveLength(1500);
    expect(result.deleted.map((entry) => entry.path)).toEqual(['tree/extra.txt']);
    expect(log.lines.join('\n')).toContain('speaks data channel 2');
    const order = proxy.seen.map((frame) => frame.type);
    expect(order).not.toContain('manifest-start');
    // In 2 the plan comes after the whole manifest: no chunk before the destination's plan-end.
    expect(order.indexOf('chunk')).toBeGreaterThan(order.indexOf('plan-end'));
  });
});
