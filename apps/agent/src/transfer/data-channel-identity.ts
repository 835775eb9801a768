import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureStateDir, writeFileAtomic } from '../state/atomic-write.ts';

/** The TLS key and certificate the agent's data-channel server presents. */
export interface DataChannelIdentity {
  keyPem: string;
  certPem: string;
  /** SHA-256 of the certificate (DER), lowercase hex: what senders pin. */
  fingerprint: string;
}

export function dataChannelIdentityPaths(stateDir: string) {
  return { key: join(stateDir, 'data-channel.key'), cert: join(stateDir, 'data-channel.crt') };
}

/** `AB:CD:…` or `abcd…` → `abcd…`, the one form fingerprints are compared in. */
export function normalizeFingerprint(fingerprint: string): string {
  return fingerprint.replaceAll(':', '').toLowerCase();
}

export function certificateFingerprint(certPem: string): string {
  return normalizeFingerprint(new X509Certificate(certPem).fingerprint256);
}

/** Reads the identity from the state directory, making it (0600) on first use; one already there is kept. */
export async function ensureDataChannelIdentity(stateDir: string): Promise<DataChannelIdentity> {
  const paths = dataChannelIdentityPaths(stateDir);
  if (!existsSync(paths.key) || !existsSync(paths.cert)) {
    ensureStateDir(stateDir);
    // Loaded only here: an agent that has its identity never loads the X.509 library.
    const { createSelfSignedCertificate } = await import('./self-signed-certificate.ts');
    const made = await createSelfSignedCertificate('tcpa-agent data channel');
    // Key first: a crash between the two leaves a key without a certificate, which is remade.
    writeFileAtomic(paths.key, made.keyPem);
    writeFileAtomic(paths.cert, made.certPem);
  }
  const keyPem = readFileSync(paths.key, 'utf8');
  const certPem = readFileSync(paths.cert, 'utf8');
  return { keyPem, certPem, fingerprint: certificateFingerprint(certPem) };
}
