import { connect, type TLSSocket } from 'node:tls';
import { normalizeFingerprint } from './data-channel-identity.ts';
import { TLS_CIPHERSUITES } from './tls-options.ts';
import { TransferError } from './transfer-error.ts';

export interface PinnedEndpoint {
  host: string;
  port: number;
  /** SHA-256 of the destination's certificate, as registered at its enrolment. */
  fingerprint: string;
}

/**
 * A TLS 1.3 connection to the destination that trusts exactly one certificate: the pinned one.
 * Nothing is written before the check, so the token never reaches an impostor.
 */
export function connectPinned(endpoint: PinnedEndpoint, timeoutMs = 10_000): Promise<TLSSocket> {
  const expected = normalizeFingerprint(endpoint.fingerprint);
  return new Promise((resolve, reject) => {
    const socket = connect({
      host: endpoint.host,
      port: endpoint.port,
      minVersion: 'TLSv1.3',
      ciphers: TLS_CIPHERSUITES,
      rejectUnauthorized: false, // self-signed by design; the fingerprint below is the trust
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new TransferError('connect_failed', `no TLS connection to ${endpoint.host}:${endpoint.port} in time`));
    }, timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const actual = normalizeFingerprint(socket.getPeerCertificate().fingerprint256 ?? '');
      if (actual !== expected) {
        socket.destroy();
        reject(
          new TransferError('certificate_mismatch', 'destination certificate does not match the pinned fingerprint'),
        );
        return;
      }
      socket.setNoDelay(true);
      resolve(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(new TransferError('connect_failed', `cannot reach ${endpoint.host}:${endpoint.port}: ${error.message}`));
    });
  });
}
