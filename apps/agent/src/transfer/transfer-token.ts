import { TRANSFER_TOKEN_TYPE, type TransferTokenClaims, TransferTokenClaimsSchema } from '@tcpa/contracts/data-channel';
import { createLocalJWKSet, errors, type JSONWebKeySet, jwtVerify } from 'jose';

/** A transfer token the destination will not act on, with the reason in words. */
export class TransferTokenError extends Error {
  constructor(
    readonly code: 'token_invalid' | 'token_expired' | 'token_wrong_agent',
    message: string,
  ) {
    super(message);
  }
}

export interface TransferTokenVerifier {
  /** Checks signature, type, expiry and that the token names `agentId` as its destination. */
  verify(token: string): Promise<TransferTokenClaims>;
}

/** Verifies tokens offline against the control plane's published keys (its JWKS). */
export function createTransferTokenVerifier(options: {
  jwks: JSONWebKeySet;
  agentId: string;
  clockToleranceSeconds?: number;
}): TransferTokenVerifier {
  const keys = createLocalJWKSet(options.jwks);
  return {
    async verify(token) {
      let payload: unknown;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          algorithms: ['EdDSA'],
          typ: TRANSFER_TOKEN_TYPE,
          requiredClaims: ['exp'],
          clockTolerance: options.clockToleranceSeconds ?? 30,
        }));
      } catch (error) {
        if (error instanceof errors.JWTExpired) throw new TransferTokenError('token_expired', 'transfer token expired');
        const detail = error instanceof errors.JOSEError ? error.code : 'malformed';
        throw new TransferTokenError('token_invalid', `transfer token refused (${detail})`);
      }
      const claims = TransferTokenClaimsSchema.safeParse(payload);
      if (!claims.success) throw new TransferTokenError('token_invalid', 'transfer token lacks its transfer claims');
      if (claims.data.dst !== options.agentId) {
        throw new TransferTokenError('token_wrong_agent', 'transfer token is for another agent');
      }
      return claims.data;
    },
  };
}
