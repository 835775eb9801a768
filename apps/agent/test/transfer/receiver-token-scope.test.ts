import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitUntil } from '../../../server/test/wait-until.ts';
import type { TransferRunner } from '../../src/run/transfer-runner.ts';
import { partialPaths } from '../../src/transfer/incoming-file.ts';
import { createTestRunner } from '../support/test-runner.ts';
import { connectRaw, fileEntry, type RawClient } from './support/raw-client.ts';
import {
  createTransferFixture,
  DESTINATION_AGENT,
  SOURCE_AGENT,
  type TransferFixture,
} from './support/transfer-fixture.ts';

/**
 * A transfer token is good for one attempt of one transfer, to one destination agent, for the
 * paths it names, and only while the control plane lets that attempt run. The streams here are
 * driven by hand, as by someone holding a token who does not obey the control plane.
 */
let fixture: TransferFixture;
beforeEach(async () => {
  fixture = await createTransferFixture();
});
afterEach(async () => {
  await fixture.cleanup();
});

const now = () => Math.floor(Date.now() / 1000);

async function hello(port: number, token: string, role: 'control' | 'data'): Promise<RawClient> {
  const client = await connectRaw(port);
  client.send({ type: 'hello', version: 2, token, role });
  return client;
}

/** A control stream that announced `entries` and got the plan back. */
async function openSession(port: number, token: string, entries: ReturnType<typeof fileEntry>[]) {
  const control = await hello(port, token, 'control');
  expect(await control.next('hello-ok')).toEqual({ type: 'hello-ok' });
  control.send({ type: 'manifest', entries });
  control.send({ type: 'manifest-end', entryCount: entries.length, overwrite: 'overwrite' });
  await control.next('plan-end');
  return control;
}

function sendChunk(data: RawClient, file: number, offset: number, bytes: Buffer) {
  data.send({ type: 'chunk', file, offset, length: bytes.length, crc32: crc32(bytes) }, bytes);
}

describe('transfer tokens on the destination', () => {
  it('refuses a token for another agent, and one signed to live longer than minutes', async () => {
    const elsewhere = await hello(fixture.port, await fixture.token({ aud: 'agent-someone-else' }), 'control');
    expect(await elsewhere.next('hello-ok')).toMatchObject({ type: 'error', code: 'token_wrong_agent' });
    const longLived = await fixture.token({ exp: now() + 24 * 3600 });
    const day = await hello(fixture.port, longLived, 'control');
    expect(await day.next('hello-ok')).toMatchObject({
      type: 'error',
      code: 'token_invalid',
      message: expect.stringMatching(/at most 15 minutes/),
    });
  });

  it("refuses an earlier attempt's token once a later attempt started", async () => {
    const content = Buffer.from('attempt');
    const first = await fixture.token({ paths: ['a.txt'], attempt: 1 });
    const firstControl = await openSession(fixture.port, first, [fileEntry(0, 'a.txt', content)]);
    await openSession(fixture.port, await fixture.token({ paths: ['a.txt'], attempt: 2 }), [
      fileEntry(0, 'a.txt', content),
    ]);
    await firstControl.closed;
    expect(firstControl.frames.at(-1)).toMatchObject({ type: 'error', code: 'token_superseded' });
    for (const role of ['control', 'data'] as const) {
      const again = await hello(fixture.port, first, role);
      expect(await again.next('hello-ok')).toMatchObject({ type: 'error', code: 'token_superseded' });
    }
  });

  it('writes only what the token names, under the directory it names', async () => {
    const photo = randomBytes(1000);
    const token = await fixture.token({ paths: ['/srv/share/photos'] });
    const entries = [fileEntry(0, 'photos/a.jpg', photo), fileEntry(1, '.ssh-authorized_keys', photo)];
    entries.push(fileEntry(2, 'photos-not/b.jpg', photo));
    const control = await openSession(fixture.port, token, entries);
    const refused = control.frames.filter((frame) => frame.type === 'file-result');
    expect(refused).toEqual([
      { type: 'file-result', file: 1, status: 'failed', path: '.ssh-authorized_keys', reason: expect.any(String) },
      { type: 'file-result', file: 2, status: 'failed', path: 'photos-not/b.jpg', reason: expect.any(String) },
    ]);
    expect(refused.map((frame) => (frame as { reason: string }).reason)).toEqual([
      'not named by the transfer token: ".ssh-authorized_keys"',
      'not named by the transfer token: "photos-not/b.jpg"',
    ]);
    const data = await hello(fixture.port, token, 'data');
    await data.next('hello-ok');
    sendChunk(data, 0, 0, photo);
    await data.next('chunk-ack');
    for (const file of [1, 2]) {
      sendChunk(data, file, 0, photo);
      expect(await data.next('chunk-nack')).toMatchObject({ file, reason: 'file-closed' });
    }
    expect(readdirSync(fixture.destinationRoot, { recursive: true }).sort()).toEqual(['photos', 'photos/a.jpg']);
  });

  it('lets data streams join their accepted attempt after the token expired, but opens no new one', async () => {
    const content = randomBytes(1000);
    const fresh = await fixture.token({ paths: ['late.bin'] });
    await openSession(fixture.port, fresh, [fileEntry(0, 'late.bin', content)]);
    const expired = await fixture.token({ paths: ['late.bin'], iat: now() - 400, exp: now() - 100 });
    const data = await hello(fixture.port, expired, 'data');
    expect(await data.next('hello-ok')).toEqual({ type: 'hello-ok' });
    sendChunk(data, 0, 0, content);
    await data.next('chunk-ack');
    expect(readFileSync(join(fixture.destinationRoot, 'late.bin')).equals(content)).toBe(true);
    const control = await hello(fixture.port, expired, 'control');
    expect(await control.next('hello-ok')).toMatchObject({ type: 'error', code: 'token_expired' });
  });
});

describe('the destination agent told to stop', () => {
  let jwksServer: Server;
  let runner: TransferRunner;
  let port: number;

  beforeEach(async () => {
    jwksServer = createServer((_request, response) => response.end(JSON.stringify(fixture.signer.jwks)));
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const created = createTestRunner({
      stateDir: fixture.stateDir,
      agentId: DESTINATION_AGENT,
      roots: [fixture.destinationRoot],
      serverUrl: `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}`,
    });
    runner = created.runner;
    const { sent } = created;
    await runner.start();
    runner.announce();
    const announced = sent.find((message) => message.type === 'data_channel');
    port = (announced as { port: number }).port;
  });
  afterEach(async () => {
    await runner.stop();
    await new Promise((resolve) => jwksServer.close(resolve));
  });

  /** Half of a two-chunk file is written; then the control plane says `command`; the rest is sent anyway. */
  async function writeAcross(command: () => void, token: string) {
    const content = randomBytes(2 << 20);
    const half = content.length / 2;
    await openSession(port, token, [fileEntry(0, 'big.bin', content)]);
    const data = await hello(port, token, 'data');
    await data.next('hello-ok');
    sendChunk(data, 0, 0, content.subarray(0, half));
    await data.next('chunk-ack');
    command();
    await data.closed;
    sendChunk(data, 0, half, content.subarray(half));
    const retry = await hello(port, token, 'data');
    const control = await hello(port, token, 'control');
    const refusals = [await retry.next('hello-ok'), await control.next('hello-ok')];
    await waitUntil('the streams to close', async () => data.socket.destroyed || undefined, 5000);
    expect(existsSync(join(fixture.destinationRoot, 'big.bin'))).toBe(false);
    // The journal lists the first half only: nothing arrived after the command was written.
    const journal = readFileSync(partialPaths(join(fixture.destinationRoot, 'big.bin')).journal, 'utf8');
    expect(journal.trim().split('\n').slice(1)).toEqual([`0 ${half}`]);
    return refusals;
  }

  it('stops writing a canceled transfer and refuses its token', async () => {
    const token = await fixture.token({ paths: ['big.bin'], attempt: 3 });
    const refusals = await writeAcross(
      () =>
        expect(
          runner.handleCommand({ name: 'transfer.cancel', args: { transferId: 'transfer-1', attempt: 3 } }),
        ).toEqual({ ok: true }),
      token,
    );
    for (const refusal of refusals) expect(refusal).toMatchObject({ type: 'error', code: 'token_superseded' });
  });

  it('stops writing what a revoked source sends and refuses its tokens', async () => {
    const token = await fixture.token({ paths: ['big.bin'] });
    const refusals = await writeAcross(
      () =>
        expect(runner.handleCommand({ name: 'agent.revoked', args: { agentId: SOURCE_AGENT } })).toEqual({ ok: true }),
      token,
    );
    for (const refusal of refusals) expect(refusal).toMatchObject({ type: 'error', code: 'source_revoked' });
    const another = await fixture.token({ tid: 'transfer-2', paths: ['other.bin'] });
    const control = await hello(port, another, 'control');
    expect(await control.next('hello-ok')).toMatchObject({ type: 'error', code: 'source_revoked' });
  });
});
