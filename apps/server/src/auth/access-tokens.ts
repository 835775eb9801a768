import type { TransferMode } from '@tcpa/contracts';
import { type CryptoKey, importJWK, type JWK, jwtVerify, type KeyObject, SignJWT } from 'jose';
import { AppError } from '../http/app-error.ts';
import { SIGNING_ALGORITHM, type SigningKeys } from './signing-keys.ts';

const ISSUER = 'tcpa';
const AUDIENCE = 'tcpa-api';
const ALGORITHM = SIGNING_ALGORITHM;
/** Must match TRANSFER_TOKEN_TYPE of the data channel (@tcpa/contracts/data-channel). */
const TRANSFER_TOKEN_TYPE = 'tcpa-transfer+jwt';
const VERIFIED_CACHE_SIZE = 10_000;

export interface AccessClaims {
  userId: string;
  companyId: string;
  sessionId: string;
}

export interface TransferTokenGrant {
  transferId: string;
  /** The attempt's number (transfers.attempt_seq): the token is good for this attempt only. */
  attempt: number;
  sourceAgentId: string;
  destinationAgentId: string;
  paths: string[];
  destinationDir: string;
  /** The destination deletes what the source lacks only when this says mirror. */
  mode: TransferMode;
}

export interface AccessTokens {
  sign(claims: AccessClaims): Promise<string>;
  /** For tests and tools that need a token with a chosen lifetime (e.g. already expired). */
  signWithExpiry(claims: AccessClaims, expiresAtSeconds: number): Promise<string>;
  verify(token: string): Promise<AccessClaims>;
  jwks(): { keys: JWK[] };
  /** A transfer token for one attempt (signed like access tokens, verified offline by the destination agent, its audience). */
  signTransferToken(claims: TransferTokenGrant, ttlSeconds: number): Promise<string>;
  readonly ttlSeconds: number;
}

export async function createAccessTokens(keys: SigningKeys, ttlSeconds: number): Promise<AccessTokens> {
  const { signing } = keys;
  const privateKey = await importJWK(signing.privateJwk, ALGORITHM);
  const publicKeys = new Map<string, CryptoKey | KeyObject | Uint8Array>();
  for (const jwk of keys.publicJwks) publicKeys.set(jwk.kid as string, await importJWK(jwk, ALGORITHM));

  const signWithExpiry = (claims: AccessClaims, expiresAtSeconds: number) =>
    new SignJWT({ cid: claims.companyId, sid: claims.sessionId })
      .setProtectedHeader({ alg: ALGORITHM, kid: signing.kid, typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(expiresAtSeconds)
      .sign(privateKey);

  // An EdDSA verify costs ~17% of a list request's CPU; a token verified once stays valid
  // until its expiry, so remember it until then (bounded, oldest evicted first).
  const verified = new Map<string, { claims: AccessClaims; expiresAtMs: number }>();
  const remember = (token: string, claims: AccessClaims, expiresAtSeconds: number) => {
    if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value as string);
    verified.set(token, { claims, expiresAtMs: expiresAtSeconds * 1000 });
  };

  return {
    ttlSeconds,
    signWithExpiry,
    sign: (claims) => signWithExpiry(claims, Math.floor(Date.now() / 1000) + ttlSeconds),
    async verify(token) {
      const cached = verified.get(token);
      if (cached && cached.expiresAtMs > Date.now()) return cached.claims;
      if (cached) verified.delete(token);
      try {
        const { payload } = await jwtVerify(
          token,
          async (header) => {
            const key = header.kid ? publicKeys.get(header.kid) : undefined;
            if (!key) throw new Error('unknown key');
            return key;
          },
          { issuer: ISSUER, audience: AUDIENCE, algorithms: [ALGORITHM] },
        );
        if (typeof payload.sub !== 'string' || typeof payload.cid !== 'string' || typeof payload.sid !== 'string') {
          throw new Error('claims missing');
        }
        const claims = { userId: payload.sub, companyId: payload.cid, sessionId: payload.sid };
        if (typeof payload.exp === 'number') remember(token, claims, payload.exp);
        return claims;
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_JWT_EXPIRED') {
          throw new AppError('unauthorized', 'Access token expired: get a new one with POST /api/v1/auth/refresh');
        }
        throw new AppError('unauthorized', 'Access token is not valid: sign in again');
      }
    },
    jwks: () => ({ keys: keys.publicJwks }),
    signTransferToken: (grant, ttl) =>
      new SignJWT({
        tid: grant.transferId,
        att: grant.attempt,
        src: grant.sourceAgentId,
        paths: grant.paths,
        dir: grant.destinationDir,
        mode: grant.mode,
      })
        .setProtectedHeader({ alg: ALGORITHM, kid: signing.kid, typ: TRANSFER_TOKEN_TYPE })
        .setAudience(grant.destinationAgentId)
        .setJti(`${grant.transferId}:${grant.attempt}`)
        .setIssuer(ISSUER)
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + ttl)
        .sign(privateKey),
  };
}
