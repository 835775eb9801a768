import { execFileSync } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataChannelIdentityPaths, ensureDataChannelIdentity } from '../../src/transfer/data-channel-identity.ts';
import { DataChannelServer } from '../../src/transfer/data-channel-server.ts';
import { createSelfSignedCertificate } from '../../src/transfer/self-signed-certificate.ts';
import { sendTransfer } from '../../src/transfer/send-transfer.ts';
import { useTempDirs } from '../support/temp-dir.ts';
import { EARLIER_CERT_PEM, EARLIER_FINGERPRINT, EARLIER_KEY_PEM } from './support/earlier-identity.ts';
import { createTransferTokenSigner } from './support/transfer-token-signer.ts';

const tempDir = useTempDirs();

describe('the data channel certificate', () => {
  // The hand-written encoder @peculiar/x509 replaced made one certificate in 256 that OpenSSL
  // refused; the library's encoding is checked on a few dozen (each openssl process costs ~60 ms).
  it('parses in OpenSSL and Node every time over 40 generations, with the same properties each time', async () => {
    const now = new Date('2026-12-06T12:00:00Z');
    const serials = new Set<string>();
    for (let generation = 0; generation < 40; generation += 1) {
      const { keyPem, certPem } = await createSelfSignedCertificate('tcpa-agent data channel', now);
      const text = execFileSync('openssl', ['x509', '-noout', '-text'], { input: certPem, encoding: 'utf8' });
      expect(text).toContain('Signature Algorithm: ecdsa-with-SHA256');
      expect(text).toContain('ASN1 OID: prime256v1');

      const certificate = new X509Certificate(certPem);
      expect(certificate.subject).toBe('CN=tcpa-agent data channel');
      expect(certificate.issuer).toBe(certificate.subject);
      expect(new Date(certificate.validFrom).toISOString()).toBe('2026-12-05T12:00:00.000Z');
      expect(new Date(certificate.validTo).toISOString()).toBe('2049-12-31T23:59:59.000Z');
      expect(certificate.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
      expect(certificate.verify(certificate.publicKey)).toBe(true);
      expect(certificate.checkPrivateKey(createPrivateKey(keyPem))).toBe(true);
      serials.add(certificate.serialNumber);
    }
    expect(serials.size).toBe(40);
  });

  it('is made once, readable by the agent only, and read back unchanged afterwards', async () => {
    const stateDir = join(tempDir(), 'state');
    const first = await ensureDataChannelIdentity(stateDir);
    const paths = dataChannelIdentityPaths(stateDir);
    expect(statSync(paths.key).mode & 0o777).toBe(0o600);
    expect(statSync(paths.cert).mode & 0o777).toBe(0o600);

    const second = await ensureDataChannelIdentity(stateDir);
    expect(second).toEqual(first);
  });

  it('keeps a key and certificate an earlier agent wrote, and senders pinning it still connect', async () => {
    const base = tempDir();
    const stateDir = join(base, 'state');
    const sourceRoot = join(base, 'source');
    const destinationRoot = join(base, 'destination');
    for (const dir of [stateDir, sourceRoot, destinationRoot]) mkdirSync(dir);
    const paths = dataChannelIdentityPaths(stateDir);
    writeFileSync(paths.key, EARLIER_KEY_PEM, { mode: 0o600 });
    writeFileSync(paths.cert, EARLIER_CERT_PEM, { mode: 0o600 });

    const identity = await ensureDataChannelIdentity(stateDir);
    expect(readFileSync(paths.key, 'utf8')).toBe(EARLIER_KEY_PEM);
    expect(readFileSync(paths.cert, 'utf8')).toBe(EARLIER_CERT_PEM);

    const signer = await createTransferTokenSigner();
    const server = new DataChannelServer({
      identity,
      agentId: 'agent-destination',
      roots: [destinationRoot],
      jwks: signer.jwks,
      host: '127.0.0.1',
    });
    const port = await server.listen();
    try {
      const source = join(sourceRoot, 'note.txt');
      writeFileSync(source, 'still pinned');
      const token = await signer.sign({
        tid: 'transfer-1',
        att: 1,
        src: 'agent-source',
        aud: 'agent-destination',
        paths: [source],
        dir: destinationRoot,
      });
      const transfer = sendTransfer({
        roots: [sourceRoot],
        paths: [source],
        destination: { host: '127.0.0.1', port, fingerprint: EARLIER_FINGERPRINT },
        token,
      });
      expect((await transfer.result).ok).toBe(true);
      expect(readFileSync(join(destinationRoot, 'note.txt'), 'utf8')).toBe('still pinned');
    } finally {
      await server.close();
    }
  });
});
