import { randomUUID } from 'node:crypto';
import type { Queryable } from '@tcpa/db';
import type { AccessTokens } from '../../auth/access-tokens.ts';
import { hashSecret, newSecret } from '../../auth/secrets.ts';
import type { RequestMeta } from '../../http/request-meta.ts';

export const REFRESH_TOKEN_PREFIX = 'tcpr_';

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export interface SessionRow {
  id: string;
  family_id: string;
  user_id: string;
  company_id: string;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
}

/**
 * A session is a family of refresh tokens: each refresh spends one token and issues the next in
 * the same family. Runs as owner (`tx` from unsafeAsOwner): refresh tokens have no tenant grant.
 */
export async function issueSessionAsService(
  tx: Queryable,
  tokens: AccessTokens,
  options: {
    userId: string;
    companyId: string;
    familyId?: string;
    refreshTtlDays: number;
    meta: RequestMeta;
  },
): Promise<IssuedTokens> {
  const familyId = options.familyId ?? randomUUID();
  const refreshToken = newSecret(REFRESH_TOKEN_PREFIX);
  await tx.query(
    `insert into refresh_tokens (family_id, user_id, company_id, token_hash, expires_at, ip, user_agent)
     values ($1, $2, $3, $4, now() + make_interval(days => $5), $6, $7)`,
    [
      familyId,
      options.userId,
      options.companyId,
      hashSecret(refreshToken),
      options.refreshTtlDays,
      options.meta.ip,
      options.meta.userAgent,
    ],
  );
  const accessToken = await tokens.sign({
    userId: options.userId,
    companyId: options.companyId,
    sessionId: familyId,
  });
  return { accessToken, refreshToken, expiresIn: tokens.ttlSeconds };
}

export async function findSessionTokenAsService(tx: Queryable, refreshToken: string) {
  const [row] = await tx.query<SessionRow>(
    `select id, family_id, user_id, company_id, expires_at, used_at, revoked_at
     from refresh_tokens where token_hash = $1 for update`,
    [hashSecret(refreshToken)],
  );
  return row;
}

export async function revokeFamilyAsService(tx: Queryable, familyId: string) {
  await tx.query('update refresh_tokens set revoked_at = now() where family_id = $1 and revoked_at is null', [
    familyId,
  ]);
}

export async function revokeUserSessionsAsService(tx: Queryable, userId: string, exceptFamilyId?: string) {
  await tx.query(
    `update refresh_tokens set revoked_at = now()
     where user_id = $1 and revoked_at is null and ($2::uuid is null or family_id <> $2)`,
    [userId, exceptFamilyId ?? null],
  );
}
