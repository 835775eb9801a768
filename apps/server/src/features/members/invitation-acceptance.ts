import type { Queryable } from '@tcpa/db';
import { hashSecret } from '../../auth/secrets.ts';
import { AppError } from '../../http/app-error.ts';
import type { RequestMeta } from '../../http/request-meta.ts';
import type { ServerDeps } from '../../server-deps.ts';
import { writeAudit } from '../audit/record-audit.ts';
import { issueSessionAsService } from '../auth/sessions.ts';
import { listCompaniesOfUserAsService, type UserRow } from '../auth/user-lookup.ts';
import { findInvitationByTokenAsService } from './invitations.sql.ts';

export type UsableInvitation = NonNullable<Awaited<ReturnType<typeof findInvitationByTokenAsService>>>;

/** One validity check for preview, accept and join; locks the invitation row until the transaction ends. */
export async function findUsableInvitationAsService(tx: Queryable, token: string): Promise<UsableInvitation> {
  const invitation = await findInvitationByTokenAsService(tx, hashSecret(token));
  if (!invitation || invitation.revoked_at) {
    throw new AppError('not_found', 'This invitation is not valid: ask for a new one');
  }
  if (invitation.accepted_at) throw new AppError('conflict', 'This invitation has already been accepted');
  if (Date.parse(invitation.expires_at) <= Date.now()) {
    throw new AppError('not_found', `This invitation expired on ${invitation.expires_at}: ask for a new one`);
  }
  return invitation;
}

/** The same refusal whatever password came with it, so accept tells nothing about the password. */
export function signInToAcceptError(email: string) {
  return new AppError('unauthorized', `An account already uses ${email}: sign in as it, then accept the invitation`);
}

/** Makes the user a member with the invited role, spends the invitation and returns a session in that company. */
export async function joinInvitedCompanyAsService(
  tx: Queryable,
  deps: ServerDeps,
  meta: RequestMeta,
  invitation: UsableInvitation,
  user: Pick<UserRow, 'id' | 'email' | 'name' | 'created_at'>,
) {
  await tx.query(
    `insert into company_memberships (company_id, user_id, role_id) values ($1, $2, $3)
     on conflict do nothing`,
    [invitation.company_id, user.id, invitation.role_id],
  );
  await tx.query('update invitations set accepted_at = now() where id = $1', [invitation.id]);
  await writeAudit(tx, { companyId: invitation.company_id, userId: user.id }, meta, {
    action: 'member.joined',
    targetType: 'user',
    targetId: user.id,
    details: { invitationId: invitation.id, role: invitation.role },
  });
  const company = (await listCompaniesOfUserAsService(tx, user.id)).find((c) => c.id === invitation.company_id);
  if (!company) throw new Error('membership missing');
  return issueSessionAsService(tx, deps, meta, { user, company });
}
