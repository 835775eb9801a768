import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sendTransfer } from '../../src/transfer/send-transfer.ts';
import { connectRaw, fileEntry, type RawClient } from './support/raw-client.ts';
import { createTransferFixture, type TransferFixture } from './support/transfer-fixture.ts';
import { createTransferTokenSigner } from './support/transfer-token-signer.ts';

let fixture: TransferFixture;
beforeEach(async () => {
  fixture = await createTransferFixture();
});
afterEach(async () => {
  await fixture.cleanup();
});

function listAll(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

async function openControl(token?: string): Promise<RawClient> {
  const client = await connectRaw(fixture.port);
  client.send({ type: 'hello', version: 2, token: token ?? (await fixture.token()), role: 'control' });
  return client;
}

describe('DataChannelServer safety', () => {
  it('refuses every unsafe path and writes nothing outside its root', async () => {
    const outside = join(fixture.base, 'outside');
    mkdirSync(outside);
    symlinkSync(outside, join(fixture.destinationRoot, 'escape'));
    const unsafe = [
      '/etc/passwd',
      '../outside/x',
      'a/../../outside/x',
      'a/./b',
      'a//b',
      'trailing/',
      'nul\0byte',
      'C:\\windows\\x',
      'back\\slash',
      `${'n'.repeat(256)}`,
      'escape/x',
      '.tcpa-part-0123456789abcdef01234567',
      'a/.tcpa-journal-0123456789abcdef01234567',
      '',
    ];
    const content = Buffer.from('payload');
    // The token names what these entries start with, so each is judged on its path alone.
    const client = await openControl(await fixture.token({ paths: ['ok', 'escape'] }));
    expect((await client.next('hello-ok')).type).toBe('hello-ok');
    const entries = unsafe.map((path, index) => fileEntry(index, path, content));
    entries.push(fileEntry(unsafe.length, 'ok/fine.txt', content));
    client.send({ type: 'manifest', entries });
    client.send({ type: 'manifest-end', entryCount: entries.length, overwrite: 'overwrite' });
    await client.next('plan-end');
    const results = client.frames.filter((frame) => frame.type === 'file-result');
    for (let index = 0; index < unsafe.length; index += 1) {
      const result = results.find((frame) => frame.type === 'file-result' && frame.file === index);
      expect(result, unsafe[index]).toMatchObject({ status: 'failed' });
      expect((result as { reason: string }).reason, unsafe[index]).toMatch(
        /refused|too long|longer than|NUL|empty|outside/,
      );
    }
    client.socket.destroy();
    expect(listAll(outside)).toEqual([]);
    expect(listAll(fixture.destinationRoot)).toEqual(['escape', 'ok']);
  });

  it('refuses a destination directory outside its roots, or through a symlink that escapes', async () => {
    const client = await openControl(await fixture.token({ dir: join(fixture.base, 'elsewhere') }));
    expect(await client.next('hello-ok')).toMatchObject({ type: 'error', code: 'unsafe_path' });
    const outside = join(fixture.base, 'outside');
    mkdirSync(outside);
    symlinkSync(outside, join(fixture.destinationRoot, 'link'));
    const viaLink = await openControl(await fixture.token({ dir: join(fixture.destinationRoot, 'link', 'sub') }));
    expect(await viaLink.next('hello-ok')).toMatchObject({ type: 'error', code: 'unsafe_path' });
    expect(listAll(outside)).toEqual([]);
  });

  it("takes a stopping source's error frame as the end of the stream, not as a bad frame", async () => {
    const client = await openControl();
    expect((await client.next('hello-ok')).type).toBe('hello-ok');
    client.send({ type: 'error', code: 'canceled', message: 'transfer canceled' });
    await client.closed;
    expect(client.frames.map((frame) => frame.type)).toEqual(['hello-ok']);
  });

  it('refuses forged, expired and other-agent tokens with a reason', async () => {
    const forger = await createTransferTokenSigner('test-key');
    const forged = await forger.sign({
      tid: 't',
      att: 1,
      src: 's',
      aud: 'agent-destination',
      paths: ['/x'],
      dir: '/y',
    });
    const cases: Array<[string, string]> = [
      [forged, 'token_invalid'],
      [await fixture.token({ exp: Math.floor(Date.now() / 1000) - 120 }), 'token_expired'],
      [await fixture.token({ aud: 'agent-someone-else' }), 'token_wrong_agent'],
      ['not.a.jwt', 'token_invalid'],
    ];
    for (const [token, code] of cases) {
      const client = await openControl(token);
      expect(await client.next('hello-ok')).toMatchObject({ type: 'error', code });
      await client.closed;
    }
  });

  it('asks again for a chunk whose hash does not match, and accepts the good one', async () => {
    const content = randomBytes(300_000);
    const token = await fixture.token({ paths: ['file.bin'] });
    const control = await openControl(token);
    await control.next('hello-ok');
    control.send({ type: 'manifest', entries: [fileEntry(0, 'file.bin', content)] });
    control.send({ type: 'manifest-end', entryCount: 1, overwrite: 'overwrite' });
    await control.next('plan-end');
    const data = await connectRaw(fixture.port);
    data.send({ type: 'hello', version: 2, token, role: 'data' });
    await data.next('hello-ok');
    const corrupted = Buffer.from(content);
    corrupted[1234] = (corrupted[1234] as number) ^ 0xff;
    const header = { type: 'chunk', file: 0, offset: 0, length: content.length, crc32: crc32(content) };
    data.send(header, corrupted);
    expect(await data.next('chunk-nack')).toMatchObject({ type: 'chunk-nack', reason: 'crc' });
    data.send(header, content);
    expect(await data.next('chunk-ack')).toMatchObject({ type: 'chunk-ack', offset: 0 });
    expect(await control.next('file-result')).toMatchObject({ status: 'written' });
    expect(readFileSync(join(fixture.destinationRoot, 'file.bin')).equals(content)).toBe(true);
    control.send({ type: 'done' });
    await control.next('done-ok');
  });

  it('refuses to connect to a destination whose certificate is not the pinned one', async () => {
    const source = join(fixture.sourceRoot, 'a.txt');
    writeFileSync(source, 'secret');
    const transfer = sendTransfer({
      roots: [fixture.sourceRoot],
      paths: [source],
      destination: { host: '127.0.0.1', port: fixture.port, fingerprint: 'ab'.repeat(32) },
      token: await fixture.token(),
    });
    await expect(transfer.result).rejects.toMatchObject({ code: 'certificate_mismatch' });
    expect(listAll(fixture.destinationRoot)).toEqual([]);
  });

  it('survives many random and mutated frames, then still accepts a good transfer', async () => {
    const source = join(fixture.sourceRoot, 'after-fuzz.bin');
    const token = await fixture.token({ paths: [source] });
    const good = [
      { type: 'hello', version: 2, token, role: 'control' },
      { type: 'manifest', entries: [fileEntry(0, 'f', Buffer.from('x'))] },
      { type: 'manifest-end', entryCount: 1, overwrite: 'overwrite' },
      { type: 'chunk', file: 0, offset: 0, length: 1, crc32: 0 },
      { type: 'done' },
    ];
    const frame = (header: Buffer, payload: Buffer, headerLength = header.length, payloadLength = payload.length) => {
      const prefix = Buffer.alloc(8);
      prefix.writeUInt32BE(headerLength >>> 0, 0);
      prefix.writeUInt32BE(payloadLength >>> 0, 4);
      return Buffer.concat([prefix, header, payload]);
    };
    const mutate = (round: number): Buffer => {
      const pick = good[round % good.length] as Record<string, unknown>;
      switch (round % 8) {
        case 0:
          return randomBytes(1 + (round % 300));
        case 1:
          return frame(Buffer.from(JSON.stringify(pick)), Buffer.alloc(0), 0xffffffff);
        case 2:
          return frame(Buffer.from(JSON.stringify(pick)), randomBytes(10), undefined, 0x7fffffff);
        case 3:
          return frame(Buffer.from(JSON.stringify({ ...pick, type: 'unknown' })), Buffer.alloc(0));
        case 4: {
          const json = Buffer.from(JSON.stringify(pick));
          json[round % json.length] = round & 0xff;
          return frame(json, Buffer.alloc(0));
        }
        case 5:
          return frame(
            Buffer.from(JSON.stringify({ ...pick, file: -1, offset: 2 ** 60, length: 'x' })),
            randomBytes(5),
          );
        case 6:
          return Buffer.concat([
            frame(Buffer.from(JSON.stringify(good[0])), Buffer.alloc(0)),
            frame(Buffer.from(JSON.stringify(good[3])), randomBytes(1 + (round % 50))),
          ]);
        default:
          return frame(Buffer.from('{"type":"hello"'), Buffer.alloc(0), 14);
      }
    };
    for (let batch = 0; batch < 20; batch += 1) {
      const clients = await Promise.all(Array.from({ length: 10 }, () => connectRaw(fixture.port)));
      clients.forEach((client, index) => {
        client.writeRaw(mutate(batch * 10 + index));
      });
      await Promise.race([Promise.all(clients.map((client) => client.closed)), new Promise((r) => setTimeout(r, 200))]);
      for (const client of clients) client.socket.destroy();
    }
    writeFileSync(source, randomBytes(1 << 20));
    const result = await sendTransfer({
      roots: [fixture.sourceRoot],
      paths: [source],
      destination: { host: '127.0.0.1', port: fixture.port, fingerprint: fixture.fingerprint },
      token,
    }).result;
    expect(result.ok).toBe(true);
    expect(readFileSync(join(fixture.destinationRoot, 'after-fuzz.bin')).equals(readFileSync(source))).toBe(true);
  });
});
