import type { Database, Queryable } from '@tcpa/db';
import { newPrefixedSecret, prefixOf } from '../../auth/prefixed-secrets.ts';
import { hashSecret } from '../../auth/secrets.ts';

/**
 * The single-use secrets an emailed link carries: a password reset (1 hour) and an email
 * verification (24 hours). Only the SHA-256 of each is stored; a new one for the same user makes
 * the older unused ones useless, so only the newest email's link works.
 */
export const EMAIL_LINK_TOKENS = {
  password_reset: { table: 'password_reset_tokens', prefix: 'tcpw_', ttlSeconds: 3600 },
  email_verification: { table: 'email_verification_tokens', prefix: 'tcpv_', ttlSeconds: 86_400 },
} as const;

export type EmailLinkKind = keyof typeof EMAIL_LINK_TOKENS;

/** A new token for the user, in the caller's (owner) transaction; the user's older unused ones stop working. */
export async function issueEmailLinkTokenAsService(tx: Queryable, kind: EmailLinkKind, userId: string) {
  const { table, prefix, ttlSeconds } = EMAIL_LINK_TOKENS[kind];
  const { secret } = newPrefixedSecret(prefix);
  await tx.query(`update ${table} set used_at = now() where user_id = $1 and used_at is null`, [userId]);
  const [row] = await tx.query<{ expires_at: string }>(
    `insert into ${table} (user_id, token_hash, expires_at) values ($1, $2, now() + make_interval(secs => $3))
     returning expires_at`,
    [userId, hashSecret(secret), ttlSeconds],
  );
  return { token: secret, expiresAt: row?.expires_at ?? '' };
}

/** Why a presented token does nothing; each reads as the end of "This link …". */
export type RefusedToken = 'unknown' | 'used' | 'expired';

/**
 * Spends a token: the user it belongs to, or why it cannot be used. Locks the row, so two uses
 * racing each other cannot both succeed.
 */
export async function spendEmailLinkTokenAsService(
  tx: Queryable,
  kind: EmailLinkKind,
  token: string,
): Promise<{ ok: true; userId: string } | { ok: false; reason: RefusedToken }> {
  const { table, prefix } = EMAIL_LINK_TOKENS[kind];
  if (!prefixOf(token, prefix)) return { ok: false, reason: 'unknown' };
  const [row] = await tx.query<{ id: string; user_id: string; used_at: string | null; expired: boolean }>(
    `select id, user_id, used_at, expires_at <= now() as expired from ${table} where token_hash = $1 for update`,
    [hashSecret(token)],
  );
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.used_at) return { ok: false, reason: 'used' };
  if (row.expired) return { ok: false, reason: 'expired' };
  await tx.query(`update ${table} set used_at = now() where id = $1`, [row.id]);
  return { ok: true, userId: row.user_id };
}

/** Checks a token without spending it (before a slow password hash outside any transaction). */
export async function checkEmailLinkTokenAsService(
  tx: Queryable,
  kind: EmailLinkKind,
  token: string,
): Promise<RefusedToken | undefined> {
  const { table, prefix } = EMAIL_LINK_TOKENS[kind];
  if (!prefixOf(token, prefix)) return 'unknown';
  const [row] = await tx.query<{ used_at: string | null; expired: boolean }>(
    `select used_at, expires_at <= now() as expired from ${table} where token_hash = $1`,
    [hashSecret(token)],
  );
  if (!row) return 'unknown';
  if (row.used_at) return 'used';
  return row.expired ? 'expired' : undefined;
}

/** Tokens past their expiry (by a day, so "expired" can still be told from "unknown") are deleted. */
export async function pruneEmailLinkTokensAsService(database: Database): Promise<number> {
  return database.unsafeAsOwner(async (tx) => {
    let deleted = 0;
    for (const { table } of Object.values(EMAIL_LINK_TOKENS)) {
      const rows = await tx.query(`delete from ${table} where expires_at < now() - interval '1 day' returning id`);
      deleted += rows.length;
    }
    return deleted;
  });
}
