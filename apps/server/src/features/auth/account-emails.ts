import { publicUrlOf } from '../../config/env.ts';
import type { ServerDeps } from '../../server-deps.ts';
import type { NewDelivery } from '../notifications/delivery-queue.sql.ts';
import { renderEmail } from '../notifications/email-message.ts';

const FOOTER = 'Sent by TCP Agent Platform because this address was given for an account.';

export function linkOf(deps: Pick<ServerDeps, 'config'>, page: string, token: string) {
  return `${publicUrlOf(deps.config)}/${page}?token=${encodeURIComponent(token)}`;
}

/**
 * The reset link's email. Queue it sealed (`queueSealedDelivery`): the link is as good as the
 * password for an hour. No company: whoever asked is not signed in.
 */
export function passwordResetEmail(deps: Pick<ServerDeps, 'config'>, to: string, token: string): NewDelivery {
  const content = renderEmail({
    subject: 'Reset your TCP Agent Platform password',
    heading: 'Reset your password',
    paragraphs: [
      `Someone (hopefully you) asked to reset the password of the TCP Agent Platform account ${to}.`,
      'The link works once, for one hour. Choosing a new password signs the account out everywhere.',
      'If you did not ask for this, ignore this email: your password stays as it is.',
    ],
    action: { label: 'Choose a new password', url: linkOf(deps, 'reset-password', token) },
    footer: FOOTER,
  });
  return {
    companyId: null,
    channelId: null,
    kind: 'email',
    eventType: 'auth.password_reset',
    summary: `Password reset link to ${to}`,
    payload: { to: [to], ...content },
  };
}

/** The verification link's email; queue it sealed too. */
export function verificationEmail(deps: Pick<ServerDeps, 'config'>, to: string, token: string): NewDelivery {
  const content = renderEmail({
    subject: 'Confirm your email address for TCP Agent Platform',
    heading: 'Confirm your email address',
    paragraphs: [
      `Confirm that ${to} is your address, so that password resets and alerts reach you.`,
      'The link works once, for 24 hours. If you did not sign up for TCP Agent Platform, ignore this email.',
    ],
    action: { label: 'Confirm my email address', url: linkOf(deps, 'verify-email', token) },
    footer: FOOTER,
  });
  return {
    companyId: null,
    channelId: null,
    kind: 'email',
    eventType: 'auth.email_verification',
    summary: `Verification link to ${to}`,
    payload: { to: [to], ...content },
  };
}
