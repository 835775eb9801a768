import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sendTransfer } from '../../src/transfer/send-transfer.ts';
import { createTransferFixture, type TransferFixture } from './support/transfer-fixture.ts';

/** A destination whose clock is 10 minutes fast: tokens are stamped on the control plane's time. */
const SKEW_MS = 10 * 60_000;
let fixture: TransferFixture | undefined;
afterEach(async () => {
  await fixture?.cleanup();
  fixture = undefined;
});

async function sendWithTokenOfServerTime(current: TransferFixture) {
  const source = join(current.sourceRoot, 'file.bin');
  writeFileSync(source, randomBytes(256 * 1024));
  // The control plane's clock is this machine's minus 10 minutes: a 5-minute token it just signed.
  const iat = Math.floor((Date.now() - SKEW_MS) / 1000);
  const token = await current.token({ paths: [source], iat, exp: iat + 300 });
  const result = await sendTransfer({
    roots: [current.sourceRoot],
    paths: [source],
    destination: { host: '127.0.0.1', port: current.port, fingerprint: current.fingerprint },
    token,
  }).result;
  return { result, source };
}

describe('a destination whose clock is off', () => {
  it("takes a fresh token when it keeps the control plane's time", async () => {
    fixture = await createTransferFixture(() => ({ now: () => Date.now() - SKEW_MS }));
    const { result, source } = await sendWithTokenOfServerTime(fixture);
    expect(result.ok, JSON.stringify(result.files.map((file) => file.reason))).toBe(true);
    expect(readFileSync(join(fixture.destinationRoot, 'file.bin')).equals(readFileSync(source))).toBe(true);
  });

  it('refuses the same token as expired on its own clock (what it did before)', async () => {
    fixture = await createTransferFixture();
    await expect(sendWithTokenOfServerTime(fixture)).rejects.toThrow('transfer token expired');
  });
});
