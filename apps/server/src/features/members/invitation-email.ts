import type { Invitation } from '@tcpa/contracts';
import type { TenantQueryable } from '@tcpa/db';
import type { SecretBox } from '../../auth/secret-box.ts';
import { queueSealedDelivery } from '../notifications/delivery-queue.sql.ts';
import { renderEmail } from '../notifications/email-message.ts';

/** `2026-12-14 07:55 UTC`: the same for every reader, whatever their time zone. */
function utcMinute(timestamp: string): string {
  return `${new Date(timestamp).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const ARTICLE: Record<Invitation['role'], string> = {
  owner: 'an owner',
  admin: 'an admin',
  member: 'a member',
  billing: 'a billing contact',
};

/**
 * Emails the invitee the link, in the transaction that created the invitation (as the inviter,
 * whose `members:write` lets them queue a company email). Sealed: the link lets whoever holds it join.
 */
export async function queueInvitationEmail(
  tx: TenantQueryable,
  secretBox: SecretBox,
  invitation: Invitation & { companyId: string },
  link: string,
) {
  const [context] = await tx.query<{ company: string; inviter_name: string | null; inviter_email: string }>(
    `select c.name as company, u.name as inviter_name, u.email as inviter_email
     from companies c, users u where c.id = app.company_id() and u.id = app.user_id()`,
  );
  const company = context?.company ?? 'a company';
  const inviter = context
    ? context.inviter_name
      ? `${context.inviter_name} (${context.inviter_email})`
      : context.inviter_email
    : 'Someone';
  const expires = utcMinute(invitation.expiresAt);
  const content = renderEmail({
    subject: `${context?.inviter_name ?? context?.inviter_email ?? 'Someone'} invited you to ${company} on TCP Agent Platform`,
    heading: `Join ${company} on TCP Agent Platform`,
    paragraphs: [
      `${inviter} invited you to join ${company} as ${ARTICLE[invitation.role]}.`,
      `The invitation works until ${expires}. If you were not expecting it, ignore this email.`,
    ],
    facts: [
      { name: 'Company', value: company },
      { name: 'Invited by', value: inviter },
      { name: 'Role', value: invitation.role },
      { name: 'Expires', value: expires },
    ],
    action: { label: 'Accept the invitation', url: link },
    footer: `Sent by TCP Agent Platform for ${company} to ${invitation.email}.`,
  });
  await queueSealedDelivery(
    tx,
    {
      companyId: invitation.companyId,
      channelId: null,
      kind: 'email',
      eventType: 'invitation.created',
      summary: `Invitation to ${invitation.email}`,
      payload: { to: [invitation.email], ...content },
    },
    secretBox.seal,
  );
}
