// @peculiar/x509 needs the Reflect metadata API (for its dependency injection) loaded before it.
import 'reflect-metadata';
import { KeyObject, webcrypto } from 'node:crypto';
import { Name, SubjectKeyIdentifierExtension, X509CertificateGenerator } from '@peculiar/x509';

// Node can use certificates but not make them. The data channel pins the certificate's
// fingerprint, so names and a CA chain do not matter.

export interface SelfSignedCertificate {
  keyPem: string;
  certPem: string;
}

const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/** An ECDSA P-256 key and a self-signed X.509 v3 certificate valid from yesterday until 2049. */
export async function createSelfSignedCertificate(
  commonName: string,
  now = new Date(),
): Promise<SelfSignedCertificate> {
  const keys = await webcrypto.subtle.generateKey(ECDSA_P256, true, ['sign', 'verify']);
  const certificate = await X509CertificateGenerator.createSelfSigned(
    {
      // The serial number: 16 random bytes, encoded as a positive DER INTEGER by the library.
      name: new Name([{ CN: [{ utf8String: commonName }] }]),
      notBefore: new Date(now.getTime() - 24 * 3600 * 1000),
      notAfter: new Date(Date.UTC(2049, 11, 31, 23, 59, 59)),
      keys,
      signingAlgorithm: { ...ECDSA_P256, hash: 'SHA-256' },
      // The library always writes the extensions field, and X.509 forbids an empty one; the key
      // identifier (as `openssl req -x509` adds) changes nothing about how the certificate is used.
      extensions: [await SubjectKeyIdentifierExtension.create(keys.publicKey, false, webcrypto)],
    },
    webcrypto,
  );
  return {
    keyPem: KeyObject.from(keys.privateKey).export({ type: 'pkcs8', format: 'pem' }).toString(),
    certPem: certificate.toString('pem'),
  };
}
