import { EmailSentSchema, EmailVerifiedSchema, VerifyEmailBodySchema } from '@tcpa/contracts';
import { AppError } from '../../http/app-error.ts';
import type { RequestMeta } from '../../http/request-meta.ts';
import { publicRoute, signedInRoute } from '../../http/route.ts';
import type { ServerDeps } from '../../server-deps.ts';
import { queueSealedDelivery } from '../notifications/delivery-queue.sql.ts';
import { verificationEmail } from './account-emails.ts';
import { issueEmailLinkTokenAsService, type RefusedToken, spendEmailLinkTokenAsService } from './email-link-tokens.ts';
import { reserveEmailRequestAsService } from './email-request-throttle.ts';
import { findUserByIdAsService } from './user-lookup.ts';

const tags = ['auth'];

const REFUSED: Record<RefusedToken, string> = {
  unknown: 'This verification link is not valid: sign in and send yourself a new one',
  used: 'This verification link was already used: sign in and send yourself a new one if your address is not verified yet',
  expired: 'This verification link has expired (links work for 24 hours): sign in and send yourself a new one',
};

async function verifyEmailAsService(deps: ServerDeps, token: string) {
  return deps.database.unsafeAsOwner(async (tx) => {
    const spent = await spendEmailLinkTokenAsService(tx, 'email_verification', token);
    if (!spent.ok) return spent;
    const [user] = await tx.query<{ email: string }>(
      'update users set email_verified_at = coalesce(email_verified_at, now()) where id = $1 returning email',
      [spent.userId],
    );
    return user ? { ok: true as const, email: user.email } : { ok: false as const, reason: 'unknown' as const };
  });
}

async function resendVerificationAsService(deps: ServerDeps, meta: RequestMeta, userId: string) {
  await deps.database.unsafeAsOwner(async (tx) => {
    const user = await findUserByIdAsService(tx, userId);
    if (!user) throw new AppError('unauthorized', 'Your account no longer exists');
    if (user.email_verified_at) throw new AppError('conflict', `${user.email} is already verified`);
    await reserveEmailRequestAsService(tx, deps.config, { kind: 'email_verification', email: user.email, ip: meta.ip });
    const { token } = await issueEmailLinkTokenAsService(tx, 'email_verification', user.id);
    await queueSealedDelivery(tx, verificationEmail(deps, user.email, token), deps.secretBox.seal);
  });
}

export const emailVerificationRoutes = [
  publicRoute({
    method: 'post',
    path: '/api/v1/auth/verify-email',
    summary: 'Confirm your email address with the token of the link emailed at sign-up (valid 24 hours)',
    tags,
    body: VerifyEmailBodySchema,
    response: EmailVerifiedSchema,
    async handler({ body, deps }) {
      const outcome = await verifyEmailAsService(deps, body.token);
      if (!outcome.ok) throw new AppError('bad_request', REFUSED[outcome.reason]);
      return { email: outcome.email, emailVerified: true as const };
    },
  }),

  signedInRoute({
    method: 'post',
    path: '/api/v1/auth/verify-email/resend',
    summary: 'Email yourself a new verification link; earlier links stop working',
    tags,
    access: { kind: 'signed_in' },
    response: EmailSentSchema,
    status: 202,
    async handler({ deps, principal, meta }) {
      if (principal.kind !== 'user') {
        throw new AppError('forbidden', 'API keys have no email address to verify: sign in as the user');
      }
      await resendVerificationAsService(deps, meta, principal.userId);
      deps.deliveries.wake();
      return { message: 'We sent a new verification link to your email address. It works for 24 hours.' };
    },
  }),
];
