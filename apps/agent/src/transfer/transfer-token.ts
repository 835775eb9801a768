import { TRANSFER_TOKEN_TYPE, type TransferTokenClaims, TransferTokenClaimsSchema } from '@tcpa/contracts/data-channel';
import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTPayload, jwtVerify } from 'jose';

export type TransferTokenErrorCode =
  | 'token_invalid'
  | 'token_expired'
  | 'token_wrong_agent'
  | 'token_superseded'
  | 'source_revoked';

/** A transfer token the destination will not act on, with the reason in words. */
export class TransferTokenError extends Error {
  constructor(
    readonly code: TransferTokenErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface VerifiedTransferToken {
  claims: TransferTokenClaims;
  /** Signed and for this agent, but its time ran out: good only for joining its accepted attempt. */
  expired: boolean;
}

export interface TransferTokenVerifier {
  /** Checks signature, type, claims and that the token's audience is `agentId`. */
  verify(token: string): Promise<VerifiedTransferToken>;
}

/** Verifies tokens offline against the control plane's published keys (its JWKS). */
export function createTransferTokenVerifier(options: {
  jwks: JSONWebKeySet;
  agentId: string;
  clockToleranceSeconds?: number;
  /** The control plane's time (ms), which stamps the tokens; this machine's clock may be off. */
  now?: () => number;
}): TransferTokenVerifier {
  const keys = createLocalJWKSet(options.jwks);
  return {
    async verify(token) {
      let payload: JWTPayload;
      let expired = false;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          algorithms: ['EdDSA'],
          typ: TRANSFER_TOKEN_TYPE,
          audience: options.agentId,
          requiredClaims: ['exp', 'iat', 'jti'],
          clockTolerance: options.clockToleranceSeconds ?? 30,
          ...(options.now ? { currentDate: new Date(options.now()) } : {}),
        }));
      } catch (error) {
        // jose checks the signature and the audience before the expiry: this payload is authentic and ours.
        if (error instanceof errors.JWTExpired) {
          payload = error.payload;
          expired = true;
        } else if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud') {
          throw new TransferTokenError('token_wrong_agent', 'transfer token is for another agent');
        } else {
          const detail = error instanceof errors.JOSEError ? error.code : 'malformed';
          throw new TransferTokenError('token_invalid', `transfer token refused (${detail})`);
        }
      }
      const claims = TransferTokenClaimsSchema.safeParse(payload);
      if (!claims.success) {
        const issue = claims.error.issues[0];
        throw new TransferTokenError('token_invalid', `transfer token refused: ${issue?.message ?? 'claims missing'}`);
      }
      return { claims: claims.data, expired };
    },
  };
}
