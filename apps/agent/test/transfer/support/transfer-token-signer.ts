import type { TransferTokenClaims } from '@tcpa/contracts/data-channel';
import { exportJWK, generateKeyPair, type JSONWebKeySet, SignJWT } from 'jose';

export interface TransferTokenSigner {
  jwks: JSONWebKeySet;
  sign(claims: Omit<TransferTokenClaims, 'exp' | 'iat'> & { exp?: number }): Promise<string>;
}

/** Plays the control plane: a fresh Ed25519 key, its JWKS, and tokens signed with it. */
export async function createTransferTokenSigner(kid = 'test-key'): Promise<TransferTokenSigner> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' };
  return {
    jwks: { keys: [jwk] },
    sign: ({ exp, ...claims }) =>
      new SignJWT({ ...claims })
        .setProtectedHeader({ alg: 'EdDSA', typ: 'tcpa-transfer+jwt', kid })
        .setIssuedAt()
        .setExpirationTime(exp ?? Math.floor(Date.now() / 1000) + 3600)
        .sign(privateKey),
  };
}
