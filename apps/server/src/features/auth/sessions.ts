import { randomUUID } from 'node:crypto';
import type { Company, Session } from '@tcpa/contracts';
import type { Queryable } from '@tcpa/db';
import { hashSecret, newSecret } from '../../auth/secrets.ts';
import type { RequestMeta } from '../../http/request-meta.ts';
import type { ServerDeps } from '../../server-deps.ts';
import { toUser, type UserRow } from './user-lookup.ts';

export const REFRESH_TOKEN_PREFIX = 'tcpr_';

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
 * The one way every route (sign-up, login, refresh, switch company, invitations) starts or continues
 * a session: a family of refresh tokens, where each refresh spends one token and issues the next in
 * the same family. Runs as owner (`tx` from unsafeAsOwner): refresh tokens have no tenant grant.
 * The answer carries the refresh token; `deliverSession` moves it into the cookie for browsers.
 */
export async function issueSessionAsService(
  tx: Queryable,
  deps: Pick<ServerDeps, 'tokens' | 'config'>,
  meta: RequestMeta,
  options: { user: Pick<UserRow, 'id' | 'email' | 'name' | 'created_at'>; company: Company; familyId?: string },
): Promise<Session & { refreshToken: string }> {
  const { user, company } = options;
  const familyId = options.familyId ?? randomUUID();
  const refreshToken = newSecret(REFRESH_TOKEN_PREFIX);
  await tx.query(
    `insert into refresh_tokens (family_id, user_id, company_id, token_hash, expires_at, ip, user_agent)
     values ($1, $2, $3, $4, now() + make_interval(days => $5), $6, $7)`,
    [
      familyId,
      user.id,
      company.id,
      hashSecret(refreshToken),
      deps.config.REFRESH_TOKEN_TTL_DAYS,
      meta.ip,
      meta.userAgent,
    ],
  );
  const accessToken = await deps.tokens.sign({ userId: user.id, companyId: company.id, sessionId: familyId });
  return { accessToken, refreshToken, expiresIn: deps.tokens.ttlSeconds, user: toUser(user), company };
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
