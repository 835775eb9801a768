import {
  AcceptInvitationBodySchema,
  CreatedInvitationSchema,
  CreateInvitationBodySchema,
  IdSchema,
  InvitationListSchema,
  InvitationPreviewBodySchema,
  InvitationPreviewSchema,
  SessionSchema,
} from '@tcpa/contracts';
import type { Queryable } from '@tcpa/db';
import { z } from 'zod';
import { hashPassword, verifyPassword } from '../../auth/passwords.ts';
import { hashSecret, newSecret } from '../../auth/secrets.ts';
import { publicUrlOf } from '../../config/env.ts';
import { AppError, notFound } from '../../http/app-error.ts';
import { publicRoute, tenantRoute } from '../../http/route.ts';
import { writeAudit } from '../audit/record-audit.ts';
import { issueSessionAsService } from '../auth/sessions.ts';
import { findUserByEmailAsService, listCompaniesOfUserAsService, toUser } from '../auth/user-lookup.ts';
import {
  createInvitation,
  findInvitationByTokenAsService,
  listInvitations,
  revokeInvitation,
} from './invitations.sql.ts';
import { requireOwnerToGrant } from './member-rules.ts';

const tags = ['people'];
const INVITATION_PREFIX = 'tcpi_';

export const invitationRoutes = [
  tenantRoute({
    method: 'get',
    path: '/api/v1/invitations',
    summary: 'List invitations, newest first',
    tags,
    access: { kind: 'company', permission: 'members:read' },
    response: InvitationListSchema,
    async handler({ tx }) {
      return { invitations: await listInvitations(tx) };
    },
  }),

  tenantRoute({
    method: 'post',
    path: '/api/v1/invitations',
    summary: 'Invite someone to the company; the response carries the link to send them',
    tags,
    access: { kind: 'company', permission: 'members:write' },
    body: CreateInvitationBodySchema,
    response: CreatedInvitationSchema,
    status: 201,
    async handler({ tx, body, deps, principal, audit }) {
      await requireOwnerToGrant(tx, principal, body.role);
      const [existing] = await tx.query(
        `select 1 from company_memberships m join users u on u.id = m.user_id
         where m.company_id = app.company_id() and lower(u.email) = lower($1)`,
        [body.email],
      );
      if (existing) throw new AppError('conflict', `${body.email} is already a member of this company`);
      const token = newSecret(INVITATION_PREFIX);
      const invitation = await createInvitation(tx, {
        email: body.email,
        role: body.role,
        tokenHash: hashSecret(token),
        ttlDays: deps.config.INVITATION_TTL_DAYS,
      });
      await audit({
        action: 'invitation.created',
        targetType: 'invitation',
        targetId: invitation.id,
        details: { email: body.email, role: body.role },
      });
      return {
        invitation,
        token,
        link: `${publicUrlOf(deps.config)}/invite?token=${encodeURIComponent(token)}`,
      };
    },
  }),

  tenantRoute({
    method: 'delete',
    path: '/api/v1/invitations/:invitationId',
    summary: 'Withdraw a pending invitation',
    tags,
    access: { kind: 'company', permission: 'members:write' },
    params: z.strictObject({ invitationId: IdSchema }),
    response: null,
    async handler({ tx, params, audit }) {
      if (!(await revokeInvitation(tx, params.invitationId))) throw notFound('Pending invitation');
      await audit({ action: 'invitation.revoked', targetType: 'invitation', targetId: params.invitationId });
      return undefined;
    },
  }),

  publicRoute({
    method: 'post',
    path: '/api/v1/invitations/preview',
    summary: 'What an invitation link offers (company, role, address) and whether that address has an account',
    tags,
    body: InvitationPreviewBodySchema,
    response: InvitationPreviewSchema,
    async handler({ body, deps }) {
      return deps.database.unsafeAsOwner(async (tx) => {
        const invitation = await findUsableInvitationAsService(tx, body.token);
        const [company] = await tx.query<{ name: string }>('select name from companies where id = $1', [
          invitation.company_id,
        ]);
        return {
          email: invitation.email,
          companyName: company?.name ?? '',
          role: invitation.role,
          expiresAt: invitation.expires_at,
          hasAccount: (await findUserByEmailAsService(tx, invitation.email)) !== undefined,
        };
      });
    },
  }),

  publicRoute({
    method: 'post',
    path: '/api/v1/invitations/accept',
    summary: 'Accept an invitation: a new person sets their password; someone with an account confirms theirs',
    tags,
    body: AcceptInvitationBodySchema,
    response: SessionSchema,
    async handler({ body, deps, meta }) {
      const newHash = await hashPassword(body.password);
      const outcome = await deps.database.unsafeAsOwner(async (tx) => {
        const invitation = await findUsableInvitationAsService(tx, body.token);
        let user = await findUserByEmailAsService(tx, invitation.email);
        if (user) {
          if (!(await verifyPassword(user.password_hash, body.password))) {
            throw new AppError('unauthorized', `Enter the current password of the account ${invitation.email}`);
          }
        } else {
          const [created] = await tx.query<NonNullable<typeof user>>(
            `insert into users (email, name, password_hash) values ($1, $2, $3)
             returning id, email, name, password_hash, created_at`,
            [invitation.email, body.name ?? null, newHash],
          );
          user = created;
        }
        if (!user) throw new Error('user missing');
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
        const session = await issueSessionAsService(tx, deps.tokens, {
          userId: user.id,
          companyId: company.id,
          refreshTtlDays: deps.config.REFRESH_TOKEN_TTL_DAYS,
          meta,
        });
        return { ...session, user: toUser(user), company };
      });
      return outcome;
    },
  }),
];

async function findUsableInvitationAsService(tx: Queryable, token: string) {
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
