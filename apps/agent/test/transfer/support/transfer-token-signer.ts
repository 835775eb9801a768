import type { TransferTokenClaims } from '@tcpa/contracts/data-channel';
import { exportJWK, generateKeyPair, type JSONWebKeySet, SignJWT } from 'jose';

export interface TransferTokenSigner {
  jwks: JSONWebKeySet;
  /** `jti` is `<tid>:<att>`, as the control plane makes it; the token lives five minutes unless `exp` says. */
  sign(claims: Omit<TransferTokenClaims, 'exp' | 'iat' | 'jti'> & { exp?: number; iat?: number }): Promise<string>;
}

/** Plays the control plane: a fresh Ed25519 key, its JWKS, and tokens signed with it. */
export async function createTransferTokenSigner(kid = 'test-key'): Promise<TransferTokenSigner> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' };
  return {
    jwks: { keys: [jwk] },
    sign: ({ exp, iat, ...claims }) => {
      const issuedAt = iat ?? Math.floor(Date.now() / 1000);
      return new SignJWT({ ...claims, jti: `${claims.tid}:${claims.att}` })
        .setProtectedHeader({ alg: 'EdDSA', typ: 'tcpa-transfer+jwt', kid })
        .setIssuedAt(issuedAt)
        .setExpirationTime(exp ?? issuedAt + 300)
        .sign(privateKey);
    },
  };
}
