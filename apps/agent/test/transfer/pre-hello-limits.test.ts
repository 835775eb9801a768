import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { MAX_HEADER_BYTES } from '@tcpa/contracts/data-channel';
import { afterEach, describe, expect, it } from 'vitest';
import { sendTransfer } from '../../src/transfer/send-transfer.ts';
import { connectRaw, type RawClient } from './support/raw-client.ts';
import { createTransferFixture, type TransferFixture } from './support/transfer-fixture.ts';

/** What a peer without a token can make the receiver hold, and for how long. */
let fixture: TransferFixture | undefined;
const clients: RawClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.socket.destroy();
  await fixture?.cleanup();
  fixture = undefined;
});

async function open(port: number, localAddress?: string): Promise<RawClient> {
  const client = await connectRaw(port, localAddress);
  clients.push(client);
  return client;
}

/**
 * The receiver lets a place go when its side of the connection has closed, a moment after ours.
 * On a busy machine that moment (and a TLS handshake) can take seconds, so keep trying for 15 s.
 */
async function openOnceFree(port: number, localAddress: string): Promise<RawClient> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      return await open(port, localAddress);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function prefix(headerLength: number, payloadLength: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeUInt32BE(headerLength, 0);
  bytes.writeUInt32BE(payloadLength, 4);
  return bytes;
}

async function sendsOneFile(current: TransferFixture, name: string) {
  const source = join(current.sourceRoot, name);
  writeFileSync(source, randomBytes(1 << 20));
  const result = await sendTransfer({
    roots: [current.sourceRoot],
    paths: [source],
    destination: { host: '127.0.0.1', port: current.port, fingerprint: current.fingerprint },
    token: await current.token({ paths: [source] }),
  }).result;
  expect(result.ok).toBe(true);
  expect(readFileSync(join(current.destinationRoot, name)).equals(readFileSync(source))).toBe(true);
}

describe('the data channel before a verified hello', () => {
  it('ends a stream that announces a big frame before its hello, without waiting for the frame', async () => {
    fixture = await createTransferFixture();
    // A chunk of 16 MiB: the receiver used to take in the whole payload before looking at the frame's type.
    const chunk = Buffer.from(JSON.stringify({ type: 'chunk', file: 0, offset: 0, length: 16 << 20, crc32: 0 }));
    const bigPayload = await open(fixture.port);
    bigPayload.writeRaw(Buffer.concat([prefix(chunk.length, 16 << 20), chunk, randomBytes(64 * 1024)]));
    expect(await bigPayload.next('hello-ok')).toMatchObject({
      type: 'error',
      code: 'frame_too_large',
      message: expect.stringContaining('before a verified hello'),
    });
    await bigPayload.closed;

    // A header of 1 MiB (the limit after the hello), of which 64 KiB is sent.
    const bigHeader = await open(fixture.port);
    bigHeader.writeRaw(Buffer.concat([prefix(MAX_HEADER_BYTES, 0), Buffer.alloc(64 * 1024, 0x20)]));
    expect(await bigHeader.next('hello-ok')).toMatchObject({ type: 'error', code: 'frame_too_large' });
    await bigHeader.closed;

    await sendsOneFile(fixture, 'after-big-frames.bin');
  });

  it('refuses connections beyond its caps (per address and in all) while a real transfer still goes through', async () => {
    const current = await createTransferFixture(() => ({ maxPendingConnections: 4, maxPendingPerAddress: 2 }));
    fixture = current;
    // 127.0.0.2 takes its two places and waits without a hello.
    await open(current.port, '127.0.0.2');
    await open(current.port, '127.0.0.2');
    await expect(open(current.port, '127.0.0.2')).rejects.toThrow();
    // Another machine still gets through: the transfer's streams each pass their hello.
    await sendsOneFile(current, 'while-one-peer-waits.bin');

    // 127.0.0.3 fills the last two places: the fifth waiting connection is refused, wherever it comes from.
    const third = [await open(current.port, '127.0.0.3'), await open(current.port, '127.0.0.3')];
    await expect(open(current.port, '127.0.0.4')).rejects.toThrow();
    // A place frees when a waiting connection goes.
    for (const client of third) client.socket.destroy();
    await openOnceFree(current.port, '127.0.0.4');
  });

  it('closes a connection that shows no verified hello in time, TLS handshake or not', async () => {
    const current = await createTransferFixture(() => ({ helloTimeoutMs: 1000, maxPendingPerAddress: 1 }));
    fixture = current;
    // TCP only, never a TLS handshake: closed by the hello deadline, not the 10 s handshake timeout.
    const tcp = connect({ host: '127.0.0.1', port: current.port, localAddress: '127.0.0.5' });
    tcp.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('a connection without a handshake was kept for 5 s')), 5000);
      tcp.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });

    // A hello sent a few bytes at a time, never finished.
    const slow = await openOnceFree(current.port, '127.0.0.5');
    const hello = Buffer.from(
      JSON.stringify({ type: 'hello', version: 2, token: await current.token(), role: 'data' }),
    );
    const frame = Buffer.concat([prefix(hello.length, 0), hello]);
    let sent = 0;
    const trickle = setInterval(() => {
      if (!slow.socket.destroyed && sent < frame.length - 1) slow.writeRaw(frame.subarray(sent, ++sent));
    }, 50);
    try {
      expect(await slow.next('hello-ok')).toMatchObject({ type: 'error', code: 'hello_timeout' });
      await slow.closed;
    } finally {
      clearInterval(trickle);
    }
    // Its place (one per address here) is free again.
    await openOnceFree(current.port, '127.0.0.5');
  });
});
