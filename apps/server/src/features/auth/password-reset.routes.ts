import { EmailSentSchema, PasswordResetConfirmBodySchema, PasswordResetRequestBodySchema } from '@tcpa/contracts';
import { hashPassword } from '../../auth/passwords.ts';
import { newPrefixedSecret } from '../../auth/prefixed-secrets.ts';
import { AppError } from '../../http/app-error.ts';
import type { RequestMeta } from '../../http/request-meta.ts';
import { publicRoute } from '../../http/route.ts';
import type { ServerDeps } from '../../server-deps.ts';
import { writeAudit } from '../audit/record-audit.ts';
import { queueSealedDelivery } from '../notifications/delivery-queue.sql.ts';
import { passwordResetEmail } from './account-emails.ts';
import {
  checkEmailLinkTokenAsService,
  EMAIL_LINK_TOKENS,
  issueEmailLinkTokenAsService,
  type RefusedToken,
  spendEmailLinkTokenAsService,
} from './email-link-tokens.ts';
import { reserveEmailRequestAsService } from './email-request-throttle.ts';
import { clearLoginFailuresAsService } from './login-throttle.ts';
import { revokeUserSessionsAsService } from './sessions.ts';
import { findUserByEmailAsService, listCompaniesOfUserAsService } from './user-lookup.ts';

const tags = ['auth'];

const RESET_SENT = {
  message:
    'If an account exists for this address, we sent it a link to choose a new password. The link works for one hour.',
};

const REFUSED: Record<RefusedToken, string> = {
  unknown: 'This password reset link is not valid: ask for a new one',
  used: 'This password reset link was already used, or a newer one was sent: use the newest email, or ask for a new link',
  expired: 'This password reset link has expired (links work for one hour): ask for a new one',
};

/**
 * Counted against the throttle whether or not the address has an account, and the email is
 * rendered and sealed either way (only queued for a real account), so neither the answer, nor
 * the limit, nor much of the time says who has an account.
 */
async function requestResetAsService(deps: ServerDeps, meta: RequestMeta, email: string) {
  await deps.database.unsafeAsOwner(async (tx) => {
    await reserveEmailRequestAsService(tx, deps.config, { kind: 'password_reset', email, ip: meta.ip });
    const user = await findUserByEmailAsService(tx, email);
    const token = user
      ? (await issueEmailLinkTokenAsService(tx, 'password_reset', user.id)).token
      : newPrefixedSecret(EMAIL_LINK_TOKENS.password_reset.prefix).secret;
    const delivery = passwordResetEmail(deps, user?.email ?? email, token);
    if (user) await queueSealedDelivery(tx, delivery, deps.secretBox.seal);
    else deps.secretBox.seal(JSON.stringify(delivery.payload), 'nothing');
  });
}

async function refuseUnusableTokenAsService(deps: ServerDeps, token: string) {
  const refused = await deps.database.unsafeAsOwner((tx) => checkEmailLinkTokenAsService(tx, 'password_reset', token));
  if (refused) throw new AppError('bad_request', REFUSED[refused]);
}

/** Spends the token and sets the password; every session of the user ends. Returns the user's id. */
async function resetPasswordAsService(deps: ServerDeps, meta: RequestMeta, token: string, passwordHash: string) {
  const outcome = await deps.database.unsafeAsOwner(async (tx) => {
    const spent = await spendEmailLinkTokenAsService(tx, 'password_reset', token);
    if (!spent.ok) return spent;
    // The link came to the address, so it is proven as well.
    const [user] = await tx.query<{ id: string; email: string }>(
      `update users set password_hash = $2, updated_at = now(), email_verified_at = coalesce(email_verified_at, now())
       where id = $1 returning id, email`,
      [spent.userId, passwordHash],
    );
    if (!user) return { ok: false as const, reason: 'unknown' as const };
    await tx.query('update password_reset_tokens set used_at = now() where user_id = $1 and used_at is null', [
      user.id,
    ]);
    await revokeUserSessionsAsService(tx, user.id);
    await clearLoginFailuresAsService(tx, user.email);
    // The account is the user's, not one company's: each company they belong to sees it.
    for (const company of await listCompaniesOfUserAsService(tx, user.id)) {
      await writeAudit(tx, { companyId: company.id, userId: user.id }, meta, {
        action: 'auth.password_reset',
        targetType: 'user',
        targetId: user.id,
      });
    }
    return { ok: true as const, userId: user.id };
  });
  if (!outcome.ok) throw new AppError('bad_request', REFUSED[outcome.reason]);
  return outcome.userId;
}

export const passwordResetRoutes = [
  publicRoute({
    method: 'post',
    path: '/api/v1/auth/password-reset',
    summary:
      'Email a link to choose a new password (valid one hour); answers the same whether or not the address has an account',
    tags,
    body: PasswordResetRequestBodySchema,
    response: EmailSentSchema,
    status: 202,
    async handler({ body, deps, meta }) {
      await requestResetAsService(deps, meta, body.email);
      deps.deliveries.wake();
      return RESET_SENT;
    },
  }),

  publicRoute({
    method: 'post',
    path: '/api/v1/auth/password-reset/confirm',
    summary: "Set a new password with an emailed reset link's token; every session of the account is signed out",
    tags,
    body: PasswordResetConfirmBodySchema,
    response: null,
    async handler({ body, deps, meta }) {
      // Checked first so a dead link fails fast; argon2 then runs outside any transaction, and the
      // token is spent (checked again, under a lock) in the transaction that sets the password.
      await refuseUnusableTokenAsService(deps, body.token);
      const passwordHash = await hashPassword(body.password);
      const userId = await resetPasswordAsService(deps, meta, body.token, passwordHash);
      deps.bus.publish({ type: 'sessions_ended', userId });
      return undefined;
    },
  }),
];
