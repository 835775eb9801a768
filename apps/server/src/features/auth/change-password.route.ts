import { ChangePasswordBodySchema } from '@tcpa/contracts';
import type { TenantQueryable } from '@tcpa/db';
import { hashPassword, verifyPassword } from '../../auth/passwords.ts';
import { claimsOf } from '../../auth/principal.ts';
import { AppError } from '../../http/app-error.ts';
import type { RequestMeta } from '../../http/request-meta.ts';
import { signedInRoute } from '../../http/route.ts';
import type { ServerDeps } from '../../server-deps.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { clearLoginFailuresAsService, reservePasswordAttemptAsService } from './login-throttle.ts';
import { revokeUserSessionsAsService } from './sessions.ts';
import { findUserByIdAsService, type UserRow } from './user-lookup.ts';

/** Throttled like a sign-in: a stolen access token is no licence to guess. */
async function findUserAndReserveAttemptAsService(deps: ServerDeps, meta: RequestMeta, userId: string) {
  return deps.database.unsafeAsOwner(async (tx) => {
    const found = await findUserByIdAsService(tx, userId);
    if (found) await reservePasswordAttemptAsService(tx, deps.config, found.email, meta.ip);
    return found;
  });
}

/** Users and refresh tokens have no tenant grant for this. */
async function replacePasswordAsService(tx: TenantQueryable, user: UserRow, newHash: string, sessionId: string) {
  return tx.unsafeAsOwner(async (owner) => {
    // Only over the hash that was checked: a change made meanwhile is not overwritten.
    const rows = await owner.query(
      'update users set password_hash = $2, updated_at = now() where id = $1 and password_hash = $3 returning id',
      [user.id, newHash, user.password_hash],
    );
    if (rows.length === 0) return false;
    await revokeUserSessionsAsService(owner, user.id, sessionId);
    await clearLoginFailuresAsService(owner, user.email);
    return true;
  });
}

/**
 * The current password is checked like a sign-in (same throttle: a stolen access token is no
 * licence to guess), and both argon2 steps run between transactions, never inside one.
 */
export const changePasswordRoute = signedInRoute({
  method: 'post',
  path: '/api/v1/auth/password',
  summary: 'Change your password; your other sessions are signed out',
  tags: ['auth'],
  access: { kind: 'signed_in' },
  body: ChangePasswordBodySchema,
  response: null,
  async handler({ body, deps, principal, meta }) {
    if (principal.kind !== 'user') {
      throw new AppError('forbidden', 'API keys cannot change passwords: sign in as the user');
    }
    const user = await findUserAndReserveAttemptAsService(deps, meta, principal.userId);
    if (!user) throw new AppError('unauthorized', 'Your account no longer exists');
    if (!(await verifyPassword(user.password_hash, body.currentPassword))) {
      throw new AppError('forbidden', 'Current password is wrong');
    }
    const newHash = await hashPassword(body.newPassword);
    await deps.database.withClaims(claimsOf(principal), async (tx) => {
      const changed = await replacePasswordAsService(tx, user, newHash, principal.sessionId);
      if (!changed) {
        throw new AppError(
          'conflict',
          'Your password was changed at the same time elsewhere: try again with the new one',
        );
      }
      await recordAudit(tx, principal, meta, {
        action: 'auth.password_changed',
        targetType: 'user',
        targetId: user.id,
      });
    });
    deps.bus.publish({ type: 'sessions_ended', userId: user.id });
    return undefined;
  },
});
